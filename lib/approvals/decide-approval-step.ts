import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { conflict, forbidden, notFound, type ErrorDetail } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { ApprovalDecision } from "./approval-input";
import { APPROVAL_SUBJECTS } from "./approval-subjects";
import { canDecideStep, deciderOf } from "./can-decide-step";
import { canSeeRequest, loadApprovalView, loadStepTeams, REQUEST_INCLUDE, teamHasOwners, type ApprovalView, type RequestRow } from "./approval-view";
import { summarizeSubjects } from "./summarize-subjects";
import { notifyRequestDecided, notifyStepWaiting } from "@/lib/notifications/notify-approvals";

const ordinal = (step: { position: number }, request: RequestRow) => `step ${step.position + 1} of ${request.steps.length}`;
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const by = (step: { decidedBy: { name: string } | null }) => (step.decidedBy ? ` by ${step.decidedBy.name}` : "");

/** The request's current state, step by step, as the details of a 409. */
const stateDetails = (request: RequestRow): ErrorDetail[] => [
  { path: "state", message: request.state },
  ...request.steps.map((s, i) => ({ path: `steps[${i}]`, message: `${s.kind}: ${s.state}${by(s)}${s.comment ? ` (${s.comment})` : ""}` })),
];

/**
 * Approves or rejects the current step of an approval request, under the request's row lock: each step is decided
 * once, by its decider (never the requester, never a second step by the same person). Rejection ends the request;
 * the last approval approves it; either end runs the subject's handler in the same transaction.
 */
export async function decideApprovalStep(actor: Actor, requestId: string, decision: "approve" | "reject", input: unknown): Promise<ApprovalView & { result: unknown }> {
  const { comment, stepId } = parseInput(ApprovalDecision, input ?? {}, "Decision");
  if (!isUuid(requestId)) throw notFound(`Approval request ${requestId}`);
  const result = await db.$transaction(async (tx) => {
    // Of two decisions at once, the second waits here and then reads what the first left.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "approval_request" WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw notFound(`Approval request ${requestId}`);
    const request: RequestRow = await tx.approvalRequest.findUniqueOrThrow({ where: { id: requestId }, include: REQUEST_INCLUDE });
    const summary = (await summarizeSubjects(tx, [request])).get(request.subjectId);
    if (!canSeeRequest(actor, request, summary)) throw notFound(`Approval request ${requestId}`);
    const handler = APPROVAL_SUBJECTS[request.subject];
    if (request.requesterId === actor.id) throw forbidden("You made this request: someone else must decide it (four eyes).");
    if (request.state !== "pending") {
      const words = (await handler.describeDecided?.(tx, request)) ?? `This request is already ${request.state}${by(request.steps.findLast((s) => s.decidedAt) ?? { decidedBy: null })}.`;
      throw conflict(words, stateDetails(request));
    }
    const teams = await loadStepTeams(tx, [request]);
    const step = request.steps.find((s) => s.state === "pending");
    if (!step) throw conflict("This request has no step waiting for a decision.", stateDetails(request));
    const waitsFor = deciderOf({ ...step, teamName: step.teamId ? teams.get(step.teamId)?.name : null }, teamHasOwners(teams, step));
    if (stepId && stepId !== step.id) {
      const target = request.steps.find((s) => s.id === stepId);
      if (!target) throw notFound(`Step ${stepId} of this approval request`);
      throw conflict(`${capitalized(ordinal(target, request))} is ${target.state}${by(target)}; the request now waits for ${waitsFor}.`, stateDetails(request));
    }
    const mine = request.steps.find((s) => s.decidedById === actor.id);
    if (mine) throw conflict(`You already decided ${ordinal(mine, request)}; ${ordinal(step, request)} needs ${waitsFor} other than you.`, stateDetails(request));
    if (!canDecideStep(actor, step, teamHasOwners(teams, step))) {
      // Someone else decided the step this actor could decide a moment ago: a lost race, not a refusal.
      const taken = request.steps.find((s) => s.position < step.position && canDecideStep(actor, s, teamHasOwners(teams, s)));
      if (taken) throw conflict(`${capitalized(ordinal(taken, request))} was already ${taken.state}${by(taken)}; the request now waits for ${waitsFor}.`, stateDetails(request));
      throw forbidden(`Only ${waitsFor} can decide ${ordinal(step, request)}${step.reason ? ` (${step.reason})` : ""}.`);
    }

    const at = now();
    const { count } = await tx.approvalStep.updateMany({ where: { id: step.id, state: "pending" }, data: { state: decision === "approve" ? "approved" : "rejected", decidedById: actor.id, decidedAt: at, comment: comment || null } });
    if (count !== 1) throw conflict("This step was decided at the same time; reload to see the decision.");
    const next = request.steps.find((s) => s.position > step.position && s.state === "waiting");
    const ends = decision === "reject" ? "rejected" : next ? null : "approved";
    if (decision === "reject") await tx.approvalStep.updateMany({ where: { requestId, state: "waiting" }, data: { state: "skipped" } });
    else if (next) await tx.approvalStep.update({ where: { id: next.id }, data: { state: "pending" } });
    if (ends) await tx.approvalRequest.update({ where: { id: requestId }, data: { state: ends, decidedAt: at } });
    await recordAuditEvent(tx, actor, {
      action: `approval.${decision}`,
      entityType: "approval_request",
      entityId: requestId,
      summary: `${decision === "approve" ? "Approved" : "Rejected"} ${ordinal(step, request)} (${step.kind}${step.reason ? `: ${step.reason}` : ""}) of ${summary?.title ?? `${request.subject} ${request.subjectId}`}${comment ? `: ${comment}` : ""}`,
      before: { state: "pending", step: { position: step.position, kind: step.kind, state: "pending" } },
      after: { state: ends ?? "pending", step: { position: step.position, kind: step.kind, state: decision === "approve" ? "approved" : "rejected" }, comment, next: next && !ends ? { position: next.position, kind: next.kind } : null },
    });
    if (ends) await notifyRequestDecided(tx, request, ends, actor, comment);
    else if (next) await notifyStepWaiting(tx, request, next);
    if (ends === "approved") return handler.onApproved(tx, actor, request, comment);
    if (ends === "rejected") return handler.onRejected(tx, actor, request, comment);
    return null;
  });
  const view = await loadApprovalView(db, actor, { id: requestId });
  return { ...view!, result };
}
