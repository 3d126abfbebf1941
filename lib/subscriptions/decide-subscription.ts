import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { decideApprovalStep } from "@/lib/approvals/decide-approval-step";
import { notFound } from "@/lib/errors";
import { findSubscriptionOrThrow } from "./get-subscription";
import { subscriptionView } from "./subscription-view";

/** Approve or reject the current step of a subscription's request: the approvals mechanism decides who may, once. */
export async function decideSubscription(actor: Actor, id: string, decision: "approve" | "reject", input: unknown) {
  const subscription = await findSubscriptionOrThrow(actor, id);
  const request = await db.approvalRequest.findUnique({ where: { subject_subjectId: { subject: "subscription", subjectId: subscription.id } }, select: { id: true } });
  if (!request) throw notFound(`The approval request of subscription ${id}`);
  await decideApprovalStep(actor, request.id, decision, input);
  return subscriptionView(db, subscription.id);
}
