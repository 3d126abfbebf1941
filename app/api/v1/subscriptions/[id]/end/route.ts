import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { endSubscription } from "@/lib/subscriptions/end-subscription";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => endSubscription(actor, params.id, await readJsonBody(request, { whenEmpty: {} })));
