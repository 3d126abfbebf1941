import type { Actor } from "@/lib/auth/actor";
import { validationFailed } from "@/lib/errors";
import { diffContracts } from "./diff-contracts";
import { diffYamlText } from "./diff-yaml-text";
import { getContractVersion } from "./get-contract-version";

/** The semantic diff between any two versions of the same port's contract. */
export async function diffContractVersions(actor: Actor, versionId: string, againstId: string) {
  const [version, against] = await Promise.all([getContractVersion(actor, versionId), getContractVersion(actor, againstId)]);
  if (version.portId !== against.portId) throw validationFailed("Both versions must belong to the same port.", [{ path: "against", message: "a version of another port" }]);
  return { from: against.version, to: version.version, changes: diffContracts(against.document as never, version.document as never), yamlDiff: diffYamlText(against.yaml, version.yaml) };
}
