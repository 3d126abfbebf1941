import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { notifyStepWaiting } from "@/lib/notifications/notify-approvals";
import type { ApprovalRequestSpec } from "./approval-input";

/**
 * Opens the approval request for a subject inside the caller's transaction: the first step is pending, the rest
 * wait their turn. Without steps the request is approved at once (auto-approval) and the caller acts on it itself;
 * the caller records the audit event of the request it made.
 */
export async function createApprovalRequest(tx: Tx, spec: ApprovalRequestSpec) {
  for (const step of spec.steps) {
    if (step.kind === "owner" && !step.teamId) throw new Error("createApprovalRequest: an owner step needs the team whose owners decide.");
  }
  const approved = spec.steps.length === 0;
  const request = await tx.approvalRequest.create({
    data: {
      subject: spec.subject,
      subjectId: spec.subjectId,
      requesterId: spec.requesterId,
      rationale: spec.rationale,
      state: approved ? "approved" : "pending",
      createdAt: now(),
      decidedAt: approved ? now() : null,
      steps: {
        create: spec.steps.map((step, position) => ({ position, kind: step.kind, teamId: step.kind === "owner" ? step.teamId : (step.teamId ?? null), reason: step.reason, state: position === 0 ? "pending" : "waiting" })),
      },
    },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  if (!approved) await notifyStepWaiting(tx, request, request.steps[0]);
  return request;
}
