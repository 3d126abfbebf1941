import { apiRoute } from "@/lib/http/api-route";
import { resendWebhookDelivery } from "@/lib/webhooks/resend-webhook-delivery";

export const POST = apiRoute<{ id: string; deliveryId: string }>(async ({ actor, params }) => resendWebhookDelivery(actor, params.id, params.deliveryId), { status: 202 });
