import { requireRegistryReader, requireRegistryWriter } from "@/lib/registry/authenticate-registry-request";
import { deleteSubject } from "@/lib/registry/delete-subject";
import { lookupSchema } from "@/lib/registry/lookup-schema";
import { readRegistryBody, registryRoute, wantsDeleted } from "@/lib/registry/registry-route";

type Params = { subject: string };

export const POST = registryRoute<Params>(async (request, { subject }) => {
  await requireRegistryReader(request);
  return lookupSchema(decodeURIComponent(subject), await readRegistryBody(request), wantsDeleted(request));
});

export const DELETE = registryRoute<Params>(async (request, { subject }) => {
  const actor = await requireRegistryWriter(request);
  return deleteSubject(actor, decodeURIComponent(subject), new URL(request.url).searchParams.get("permanent") === "true");
});
