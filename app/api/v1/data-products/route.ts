import { apiRoute } from "@/lib/http/api-route";
import { readDescriptorBody } from "@/lib/http/read-body";
import { searchParamsObject } from "@/lib/http/search-params";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { searchDataProducts } from "@/lib/search/search-data-products";

// A plain list: no facet counts to pay for.
export const GET = apiRoute(async ({ request, actor }) => {
  const { items, total, page, pageSize, approximate } = await searchDataProducts(actor, searchParamsObject(request.url), { facets: false });
  return { items, total, page, pageSize, ...(approximate ? { approximate } : {}) };
});
export const POST = apiRoute(async ({ request, actor }) => createDataProduct(actor, await readDescriptorBody(request)), { status: 201 });
