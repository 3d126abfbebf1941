import type { Tx } from "@/lib/db";
import { summarizeSubjects } from "@/lib/approvals/summarize-subjects";
import { notify } from "./notify";

type Request = { id: string; subject: "subscription" | "contract_version"; subjectId: string; requesterId: string | null };
type Step = { kind: "owner" | "steward"; teamId: string | null; reason: string };

/**
 * The people a step waits for: an owner step's team owners (the requester aside), or, when that team has no owners
 * and for steward steps, the governance stewards (admins when there are none). Admins may decide any step but are
 * not told about every one.
 */
async function decidersOf(tx: Tx, step: Step, requesterId: string | null): Promise<string[]> {
  let ids: string[] = [];
  if (step.kind === "owner" && step.teamId) {
    ids = (await tx.teamMembership.findMany({ where: { teamId: step.teamId, role: "owner" }, select: { userId: true } })).map((m) => m.userId);
  }
  if (ids.length === 0) ids = (await tx.user.findMany({ where: { role: "steward" }, select: { id: true } })).map((u) => u.id);
  if (ids.length === 0) ids = (await tx.user.findMany({ where: { role: "admin" }, select: { id: true } })).map((u) => u.id);
  return ids.filter((id) => id !== requesterId);
}

/** "A request waits for your decision", to the deciders of the step that just became current. */
export async function notifyStepWaiting(tx: Tx, request: Request, step: Step): Promise<void> {
  const userIds = await decidersOf(tx, step, request.requesterId);
  if (userIds.length === 0) return;
  const summary = (await summarizeSubjects(tx, [request])).get(request.subjectId);
  const requester = request.requesterId ? await tx.user.findUnique({ where: { id: request.requesterId }, select: { name: true } }) : null;
  const what = summary?.title ?? `${request.subject.replace("_", " ")} ${request.subjectId}`;
  await notify(tx, {
    kind: "approval.waiting",
    title: `Waiting for your decision: ${what}`,
    body: [requester ? `Requested by ${requester.name}.` : null, summary?.purpose ? `Purpose: ${summary.purpose}` : null, step.reason ? `Why you: ${step.reason}` : null].filter(Boolean).join("\n") || undefined,
    link: "/approvals",
    data: { approvalRequestId: request.id, subject: request.subject, subjectId: request.subjectId, step: step.kind, product: summary?.product.urn ?? null },
    recipients: { userIds },
  });
}

/** "A decision on your request", to the requester (and, for a subscription, the consuming team). */
export async function notifyRequestDecided(tx: Tx, request: Request, decision: "approved" | "rejected", decidedBy: { name: string }, comment?: string | null): Promise<void> {
  const summary = (await summarizeSubjects(tx, [request])).get(request.subjectId);
  const what = summary?.title ?? `${request.subject.replace("_", " ")} ${request.subjectId}`;
  const teamIds = summary?.subscription ? [summary.subscription.consumerTeam.id] : [];
  const userIds = request.requesterId ? [request.requesterId] : [];
  if (teamIds.length === 0 && userIds.length === 0) return;
  const product = summary?.product;
  await notify(tx, {
    kind: request.subject === "subscription" ? "subscription.decided" : "contract-version.decided",
    title: `${decision === "approved" ? "Approved" : "Rejected"}: ${what}`,
    body: [`Decided by ${decidedBy.name}.`, comment ? `Comment: ${comment}` : null, decision === "approved" && request.subject === "subscription" ? "Access is being provisioned; you will be told when it is granted." : null].filter(Boolean).join("\n"),
    link: request.subject === "subscription" ? "/subscriptions" : product ? `/products/${product.domainSlug}/${product.slug}` : undefined,
    data: { approvalRequestId: request.id, subject: request.subject, subjectId: request.subjectId, decision, comment: comment ?? null, product: product?.urn ?? null },
    recipients: { userIds, teamIds },
  });
}
