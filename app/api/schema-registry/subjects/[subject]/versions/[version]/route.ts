import { requireRegistryReader, requireRegistryWriter } from "@/lib/registry/authenticate-registry-request";
import { deleteSubjectVersion } from "@/lib/registry/delete-subject";
import { getSubjectVersion } from "@/lib/registry/read-registry";
import { registryRoute, wantsDeleted } from "@/lib/registry/registry-route";

type Params = { subject: string; version: string };

export const GET = registryRoute<Params>(async (request, { subject, version }) => {
  await requireRegistryReader(request);
  return getSubjectVersion(decodeURIComponent(subject), version, wantsDeleted(request));
});

export const DELETE = registryRoute<Params>(async (request, { subject, version }) => {
  const actor = await requireRegistryWriter(request);
  return deleteSubjectVersion(actor, decodeURIComponent(subject), version, new URL(request.url).searchParams.get("permanent") === "true");
});
