import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = apiRoute(async ({ request, actor }) => listNotifications(actor, searchParamsObject(request.url)));
