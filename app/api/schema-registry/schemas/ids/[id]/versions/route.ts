import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { listSchemaVersions } from "@/lib/registry/read-registry";
import { registryRoute, wantsDeleted } from "@/lib/registry/registry-route";

export const GET = registryRoute<{ id: string }>(async (request, { id }) => {
  await requireRegistryReader(request);
  return listSchemaVersions(Number(id), wantsDeleted(request));
});
