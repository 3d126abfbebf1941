import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => cancelSubscription(actor, params.id, await readJsonBody(request, { whenEmpty: {} })));
