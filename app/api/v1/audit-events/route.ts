import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { listAuditEvents } from "@/lib/audit/list-audit-events";

export const GET = apiRoute(async ({ request, actor }) => listAuditEvents(actor, searchParamsObject(request.url)));
