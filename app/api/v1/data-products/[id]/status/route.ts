import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-body";
import { changeProductStatus } from "@/lib/catalog/change-product-status";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => changeProductStatus(actor, params.id, await readJsonBody(request)));
