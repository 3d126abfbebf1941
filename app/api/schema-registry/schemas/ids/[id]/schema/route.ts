import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { getSchemaById } from "@/lib/registry/read-registry";
import { registryRoute, REGISTRY_CONTENT_TYPE } from "@/lib/registry/registry-route";

export const GET = registryRoute<{ id: string }>(async (request, { id }) => {
  await requireRegistryReader(request);
  const { schema } = await getSchemaById(Number(id));
  return new Response(schema, { headers: { "content-type": REGISTRY_CONTENT_TYPE } });
});
