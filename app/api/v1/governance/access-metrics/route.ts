import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { getAccessMetrics } from "@/lib/governance/get-access-metrics";

export const GET = apiRoute(async ({ request, actor }) => getAccessMetrics(actor, searchParamsObject(request.url)));
