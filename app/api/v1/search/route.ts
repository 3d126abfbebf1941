import { apiRoute } from "@/lib/http/api-route";
import { searchParamsObject } from "@/lib/http/search-params";
import { searchDataProducts } from "@/lib/search/search-data-products";

export const GET = apiRoute(async ({ request, actor }) => searchDataProducts(actor, searchParamsObject(request.url)));
