import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { getLineageGraph } from "@/lib/lineage/get-lineage-graph";

export const GET = apiRoute(async ({ request, actor }) => getLineageGraph(actor, searchParamsObject(request.url)));
