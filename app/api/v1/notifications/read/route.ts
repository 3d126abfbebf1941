import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";

export const POST = apiRoute(async ({ request, actor }) => markNotificationsRead(actor, await readJsonBody(request)));
