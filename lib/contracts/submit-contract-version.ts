import { db } from "@/lib/db";
import { createApprovalRequest } from "@/lib/approvals/create-approval-request";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { conflict, forbidden, isUniqueViolation, validationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { activateContractVersion } from "./activate-contract-version";
import { ContractSubmission } from "./contract-input";
import { evaluateContractVersion } from "./evaluate-contract-version";
import { lockPortContracts } from "./lock-port-contracts";
import { syncExternalRegistry } from "./sync-external-registry";

/**
 * An owner publishes a contract version for an output port: a compatible one goes live at once, an
 * incompatible new major version waits for a steward, anything else incompatible is refused with reasons.
 */
export async function submitContractVersion(actor: Actor, portRef: string, input: unknown) {
  const submission = parseInput(ContractSubmission, input, "Contract");
  let result;
  try {
    result = await db.$transaction(async (tx) => {
      const found = await findOutputPortOrThrow(actor, portRef, tx);
      // Versions of one port are evaluated one at a time, each against the active version the previous one left.
      await lockPortContracts(tx, found.id);
      const port = await findOutputPortOrThrow(actor, found.id, tx);
      if (!canEditProduct(actor, port.dataProduct)) throw forbidden(`Only the team that owns ${port.dataProduct.urn} can publish its contracts.`);
      if (port.dataProduct.status === "retired") throw conflict("A retired data product's contracts cannot change.");
      const evaluation = await evaluateContractVersion(tx, port, submission);
      if (evaluation.outcome === "invalid") throw validationFailed(`The contract is invalid: ${evaluation.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, evaluation.errors);
      if (evaluation.outcome === "refused") {
        throw conflict(`Version ${evaluation.version} is incompatible with ${evaluation.previousVersion} under ${evaluation.compatibility.mode}.`, evaluation.reasons.map((message) => ({ path: "schema", message })));
      }
      const status = evaluation.outcome === "needs_approval" ? "pending_approval" : "draft";
      const row = await tx.contractVersion.create({
        data: {
          portId: port.id,
          version: evaluation.version,
          ...evaluation.semver,
          status,
          yaml: evaluation.yaml,
          document: evaluation.document as never,
          schemaType: evaluation.schemaType,
          valueSchema: evaluation.valueSchema,
          keySchema: evaluation.keySchema,
          customSchema: evaluation.customSchema,
          changes: evaluation.changes as never,
          createdById: actor.id,
        },
      });
      await recordAuditEvent(tx, actor, {
        action: `contract.${evaluation.outcome === "needs_approval" ? "request-approval" : evaluation.outcome === "draft" ? "draft" : "publish"}`,
        entityType: "contract_version",
        entityId: row.id,
        summary: `Contract ${evaluation.version} submitted for ${port.dataProduct.urn}:${port.name}`,
        after: { version: evaluation.version, status, changes: evaluation.changes },
      });
      if (status === "pending_approval") {
        await createApprovalRequest(tx, {
          subject: "contract_version",
          subjectId: row.id,
          requesterId: actor.service ? null : actor.id,
          rationale: `Version ${evaluation.version} is a new major version that is incompatible with ${evaluation.previousVersion} under ${evaluation.compatibility.mode}.`,
          steps: [{ kind: "steward", reason: `incompatible with ${evaluation.previousVersion} under ${evaluation.compatibility.mode}: a governance steward decides whether consumers can take the break` }],
        });
      }
      const registered = evaluation.outcome === "activate" ? await activateContractVersion(tx, actor, row, port) : null;
      return { id: row.id, version: evaluation.version, status: evaluation.outcome === "activate" ? "active" : status, schemaId: registered?.id ?? null, changes: evaluation.changes, compatibility: evaluation.compatibility, reasons: evaluation.reasons };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Version ${String(submission.contract.match(/version:\s*(\S+)/)?.[1] ?? "")} was published concurrently; bump the version.`);
    throw error;
  }
  const externalSyncError = result.status === "active" ? await syncExternalRegistry(result.id) : null;
  return { ...result, externalSyncError };
}
