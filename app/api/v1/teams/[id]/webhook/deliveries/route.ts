import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { getTeamWebhook } from "@/lib/webhooks/get-team-webhook";

export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const { deliveries, nextBefore } = await getTeamWebhook(actor, params.id, searchParamsObject(request.url));
  return { deliveries, nextBefore };
});
