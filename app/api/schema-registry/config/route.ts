import { requireRegistryReader, requireRegistryWriter } from "@/lib/registry/authenticate-registry-request";
import { readRegistryBody, registryRoute } from "@/lib/registry/registry-route";
import { getCompatibilityLevel, setCompatibilityLevel } from "@/lib/registry/set-compatibility-level";

export const GET = registryRoute(async (request) => {
  await requireRegistryReader(request);
  return getCompatibilityLevel(null, true);
});

export const PUT = registryRoute(async (request) => {
  const actor = await requireRegistryWriter(request);
  return setCompatibilityLevel(actor, null, await readRegistryBody(request));
});
