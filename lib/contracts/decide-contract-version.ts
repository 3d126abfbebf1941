import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { decideApprovalStep } from "@/lib/approvals/decide-approval-step";
import { conflict, notFound } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { ContractDecision } from "./contract-input";
import { syncExternalRegistry } from "./sync-external-registry";

/**
 * A governance steward approves (activates) or rejects a new major contract version waiting for approval: the
 * decision of the version's approval request's steward step (lib/approvals), kept as the contract routes' entry.
 */
export async function decideContractVersion(actor: Actor, versionId: string, decision: "approve" | "reject", input: unknown) {
  requireSteward(actor, "approve or reject contract versions");
  const { note } = parseInput(ContractDecision, input ?? {}, "Decision");
  const version = isUuid(versionId) ? await db.contractVersion.findUnique({ where: { id: versionId }, select: { version: true, status: true } }) : null;
  if (!version) throw notFound(`Contract version ${versionId}`);
  const request = await db.approvalRequest.findUnique({ where: { subject_subjectId: { subject: "contract_version", subjectId: versionId } }, select: { id: true } });
  if (!request) throw conflict(`Contract version ${version.version} is ${version.status}, not waiting for approval.`);
  const decided = await decideApprovalStep(actor, request.id, decision, { comment: note });
  const result = decided.result as { id: string; version: string; status: string };
  const externalSyncError = result.status === "active" ? await syncExternalRegistry(result.id) : null;
  return { ...result, externalSyncError };
}
