import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict } from "@/lib/errors";
import { activateContractVersion } from "./activate-contract-version";
import { lockPortContracts } from "./lock-port-contracts";

type Request = { subjectId: string };

/** The version under its port's lock: of a decision and a publication at once, the second sees the first's outcome. */
async function lockedPendingVersion(tx: Tx, versionId: string) {
  const { portId } = await tx.contractVersion.findUniqueOrThrow({ where: { id: versionId }, select: { portId: true } });
  await lockPortContracts(tx, portId);
  const version = await tx.contractVersion.findUniqueOrThrow({ where: { id: versionId }, include: { port: { include: { dataProduct: { select: { urn: true, status: true } } } } } });
  if (version.status !== "pending_approval") throw conflict(`Contract version ${version.version} is ${version.status}, not waiting for approval.`);
  return version;
}

async function decide(tx: Tx, actor: Actor, request: Request, decision: "approve" | "reject", note: string) {
  const version = await lockedPendingVersion(tx, request.subjectId);
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
}

/** The approvals mechanism's handler for new major contract versions: the last approval activates, a rejection rejects. */
export const contractVersionApproval = {
  onApproved: (tx: Tx, actor: Actor, request: Request, comment = "") => decide(tx, actor, request, "approve", comment),
  onRejected: (tx: Tx, actor: Actor, request: Request, comment = "") => decide(tx, actor, request, "reject", comment),
  /** Why a decided request cannot be decided again, in the contract's own words. */
  async describeDecided(tx: Tx, request: Request): Promise<string | null> {
    const version = await tx.contractVersion.findUnique({ where: { id: request.subjectId }, select: { version: true, status: true } });
    return version ? `Contract version ${version.version} is ${version.status}, not waiting for approval.` : null;
  },
};
