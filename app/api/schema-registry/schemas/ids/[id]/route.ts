import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { getSchemaById } from "@/lib/registry/read-registry";
import { registryRoute } from "@/lib/registry/registry-route";

export const GET = registryRoute<{ id: string }>(async (request, { id }) => {
  await requireRegistryReader(request);
  return getSchemaById(Number(id));
});
