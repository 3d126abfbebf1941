import { requireRegistryReader, requireRegistryWriter } from "@/lib/registry/authenticate-registry-request";
import { listSubjectVersions } from "@/lib/registry/read-registry";
import { registerSchema } from "@/lib/registry/register-schema";
import { readRegistryBody, registryRoute, wantsDeleted } from "@/lib/registry/registry-route";

type Params = { subject: string };

export const GET = registryRoute<Params>(async (request, { subject }) => {
  await requireRegistryReader(request);
  return listSubjectVersions(decodeURIComponent(subject), wantsDeleted(request));
});

export const POST = registryRoute<Params>(async (request, { subject }) => {
  const actor = await requireRegistryWriter(request);
  return registerSchema(actor, decodeURIComponent(subject), await readRegistryBody(request));
});
