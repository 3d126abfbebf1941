import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { updateDataProduct } from "@/lib/catalog/update-data-product";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => getDataProduct(actor, params.id));
export const PATCH = apiRoute<{ id: string }>(async ({ request, actor, params }) => updateDataProduct(actor, params.id, await readJsonBody(request)));
