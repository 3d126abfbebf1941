import { requireRegistryReader, requireRegistryWriter } from "@/lib/registry/authenticate-registry-request";
import { subjectLevelConfigNotFound } from "@/lib/registry/registry-error";
import { readRegistryBody, registryRoute } from "@/lib/registry/registry-route";
import { getCompatibilityLevel, setCompatibilityLevel } from "@/lib/registry/set-compatibility-level";

type Params = { subject: string };

export const GET = registryRoute<Params>(async (request, { subject }) => {
  await requireRegistryReader(request);
  const name = decodeURIComponent(subject);
  const level = await getCompatibilityLevel(name, new URL(request.url).searchParams.get("defaultToGlobal") === "true");
  if (!level) throw subjectLevelConfigNotFound(name);
  return level;
});

export const PUT = registryRoute<Params>(async (request, { subject }) => {
  const actor = await requireRegistryWriter(request);
  return setCompatibilityLevel(actor, decodeURIComponent(subject), await readRegistryBody(request));
});
