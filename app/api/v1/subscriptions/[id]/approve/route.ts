import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { decideSubscription } from "@/lib/subscriptions/decide-subscription";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => decideSubscription(actor, params.id, "approve", await readJsonBody(request, { whenEmpty: {} })));
