import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { revokeSubscription } from "@/lib/subscriptions/revoke-subscription";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => revokeSubscription(actor, params.id, await readJsonBody(request, { whenEmpty: {} })));
