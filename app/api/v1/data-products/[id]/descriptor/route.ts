import { apiRoute } from "@/lib/http/api-route";
import { exportProductDescriptor } from "@/lib/catalog/export-product-descriptor";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const yaml = await exportProductDescriptor(actor, params.id);
  return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8" } });
});
