import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { loadApprovalView } from "./approval-view";

/** One approval request with its chain, for those who may follow it (a hidden one is reported as not found). */
export async function getApprovalRequest(actor: Actor, id: string) {
  const view = isUuid(id) ? await loadApprovalView(db, actor, { id }) : null;
  if (!view) throw notFound(`Approval request ${id}`);
  return view;
}

/** The approval request of a subscription or contract version, or null when it has none (or it is hidden). */
export function getApprovalRequestForSubject(actor: Actor, subject: "subscription" | "contract_version", subjectId: string) {
  return loadApprovalView(db, actor, { subject_subjectId: { subject, subjectId } });
}

/** The id of a subject's approval request, for routes that decide by subject (/subscriptions/{id}/approve). */
export async function findApprovalRequestIdOrThrow(subject: "subscription" | "contract_version", subjectId: string): Promise<string> {
  const request = isUuid(subjectId) ? await db.approvalRequest.findUnique({ where: { subject_subjectId: { subject, subjectId } }, select: { id: true } }) : null;
  if (!request) throw notFound(`The approval request of ${subject.replace("_", " ")} ${subjectId}`);
  return request.id;
}
