import { apiRoute } from "@/lib/http/api-route";
import { sendTestWebhook } from "@/lib/webhooks/resend-webhook-delivery";

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => sendTestWebhook(actor, params.id), { status: 202 });
