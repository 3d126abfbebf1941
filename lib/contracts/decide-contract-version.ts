import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { activateContractVersion } from "./activate-contract-version";
import { ContractDecision } from "./contract-input";
import { lockPortContracts } from "./lock-port-contracts";
import { syncExternalRegistry } from "./sync-external-registry";

/** A governance steward approves (activates) or rejects a new major contract version waiting for approval. */
export async function decideContractVersion(actor: Actor, versionId: string, decision: "approve" | "reject", input: unknown) {
  requireSteward(actor, "approve or reject contract versions");
  const { note } = parseInput(ContractDecision, input ?? {}, "Decision");
  const result = await db.$transaction(async (tx) => {
    const target = isUuid(versionId) ? await tx.contractVersion.findUnique({ where: { id: versionId }, select: { portId: true } }) : null;
    if (!target) throw notFound(`Contract version ${versionId}`);
    // Read the version again under the port's lock: of two decisions at once, the second sees the first's outcome.
    await lockPortContracts(tx, target.portId);
    const version = await tx.contractVersion.findUniqueOrThrow({ where: { id: versionId }, include: { port: { include: { dataProduct: { select: { urn: true, status: true } } } } } });
    if (version.status !== "pending_approval") throw conflict(`Contract version ${version.version} is ${version.status}, not waiting for approval.`);
    if (decision === "approve" && version.port.dataProduct.status === "retired") throw conflict("A retired data product's contracts cannot change.");
    await tx.contractVersion.update({ where: { id: version.id }, data: { decidedById: actor.id, decisionNote: note || null, ...(decision === "reject" ? { status: "rejected" } : {}) } });
    await recordAuditEvent(tx, actor, {
      action: `contract.${decision}`,
      entityType: "contract_version",
      entityId: version.id,
      summary: `${decision === "approve" ? "Approved" : "Rejected"} contract ${version.version} of ${version.port.dataProduct.urn}:${version.port.name}${note ? `: ${note}` : ""}`,
      before: { status: "pending_approval" },
      after: { status: decision === "approve" ? "active" : "rejected", note },
    });
    if (decision === "approve") await activateContractVersion(tx, actor, version, version.port);
    return { id: version.id, version: version.version, status: decision === "approve" ? "active" : "rejected" };
  });
  const externalSyncError = result.status === "active" ? await syncExternalRegistry(result.id) : null;
  return { ...result, externalSyncError };
}
