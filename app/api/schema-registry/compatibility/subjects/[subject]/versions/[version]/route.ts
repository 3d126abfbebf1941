import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { readRegistryBody, registryRoute } from "@/lib/registry/registry-route";
import { testCompatibility } from "@/lib/registry/test-compatibility";

export const POST = registryRoute<{ subject: string; version: string }>(async (request, { subject, version }) => {
  await requireRegistryReader(request);
  const verbose = new URL(request.url).searchParams.get("verbose") === "true";
  return testCompatibility(decodeURIComponent(subject), version, await readRegistryBody(request), verbose);
});
