import { apiRoute } from "@/lib/http/api-route";
import { getFieldLineage } from "@/lib/lineage/get-field-lineage";

export const GET = apiRoute(async ({ request, actor }) => getFieldLineage(actor, new URL(request.url).searchParams.get("port")));
