import { requireRegistryReader } from "@/lib/registry/authenticate-registry-request";
import { getSubjectVersion } from "@/lib/registry/read-registry";
import { registryRoute, REGISTRY_CONTENT_TYPE } from "@/lib/registry/registry-route";

export const GET = registryRoute<{ subject: string; version: string }>(async (request, { subject, version }) => {
  await requireRegistryReader(request);
  const found = await getSubjectVersion(decodeURIComponent(subject), version);
  return new Response(found.schema, { headers: { "content-type": REGISTRY_CONTENT_TYPE } });
});
