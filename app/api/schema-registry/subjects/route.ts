import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { listSubjects } from "@/lib/registry/read-registry";
import { registryRoute, wantsDeleted } from "@/lib/registry/registry-route";

export const GET = registryRoute(async (request) => {
  await requireRegistryReader(request);
  return listSubjects(wantsDeleted(request));
});
