import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { registryRoute } from "@/lib/registry/registry-route";

export const GET = registryRoute(async (request) => {
  await requireRegistryReader(request);
  return ["AVRO", "JSON"];
});
