import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { previewSubscription } from "@/lib/subscriptions/preview-subscription";

export const POST = apiRoute(async ({ request, actor }) => previewSubscription(actor, await readJsonBody(request)));
