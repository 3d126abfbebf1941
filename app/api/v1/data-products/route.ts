import { apiRoute } from "@/lib/http/api-route";
import { readDescriptorBody } from "@/lib/http/read-body";
import { searchParamsObject } from "@/lib/http/search-params";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { searchDataProducts } from "@/lib/search/search-data-products";

export const GET = apiRoute(async ({ request, actor }) => {
  const { items, total, page, pageSize } = await searchDataProducts(actor, searchParamsObject(request.url));
  return { items, total, page, pageSize };
});
export const POST = apiRoute(async ({ request, actor }) => createDataProduct(actor, await readDescriptorBody(request)), { status: 201 });
