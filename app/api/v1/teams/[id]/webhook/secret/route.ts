import { apiRoute } from "@/lib/http/api-route";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => rotateWebhookSecret(actor, params.id));
