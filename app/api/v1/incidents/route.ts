import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { listIncidents } from "@/lib/quality/incidents";

export const GET = apiRoute(async ({ request, actor }) => listIncidents(actor, searchParamsObject(request.url)));
