import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { conflict, validationFailed } from "@/lib/errors";
import { requestGrantProvisioning } from "@/lib/provisioning/request-grant-provisioning";
import type { ApprovalSubjectHandler } from "@/lib/approvals/approval-subjects";
import { notify } from "@/lib/notifications/notify";
import { consumerRecipients, endSubscriptionAccess, lockSubscription, subscriptionsLink } from "./end-subscription-access";
import { endsAtFor } from "./subscription-duration";

type DecidedRequest = { id: string; subjectId: string };

/**
 * What the approvals mechanism calls, in the deciding transaction, when a subscription's request is approved (by its
 * last step, or at once by policy) or rejected. Conditional on the subscription still waiting, so it acts once.
 */
export async function onSubscriptionApproved(tx: Tx, actor: Actor | null, request: DecidedRequest): Promise<void> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: request.subjectId }, select: { id: true, state: true, durationDays: true, renewsId: true, requesterId: true, consumerTeamId: true, port: { select: { name: true, dataProduct: { select: { urn: true } } } }, consumerTeam: { select: { name: true } } } });
  const approvedAt = now();
  // A renewal approved while the renewed subscription still runs takes over from it and carries on from its end date.
  const renewed = subscription.renewsId ? await takeOverRenewed(tx, actor, subscription.renewsId, subscription.id) : null;
  const endsAt = endsAtFor(renewed?.endsAt && renewed.endsAt > approvedAt ? renewed.endsAt : approvedAt, subscription.durationDays);
  const { count } = await tx.subscription.updateMany({ where: { id: subscription.id, state: "pending_approval" }, data: { state: "provisioning", approvedAt, endsAt } });
  if (count === 0) throw conflict(`Subscription ${subscription.id} is no longer waiting for approval.`);
  await recordAuditEvent(tx, actor, {
    action: "subscription.approve",
    entityType: "subscription",
    entityId: subscription.id,
    summary: `${subscription.consumerTeam.name}'s access to ${subscription.port.dataProduct.urn}:${subscription.port.name} is approved${endsAt ? ` until ${endsAt.toISOString()}` : " with no end"}`,
    before: { state: subscription.state },
    after: { state: "provisioning", approvedAt, endsAt, approvalRequestId: request.id },
  });
  await requestGrantProvisioning(tx, subscription.id, actor);
  if (subscription.renewsId) {
    const where = `${subscription.port.dataProduct.urn}:${subscription.port.name}`;
    await notify(tx, {
      kind: "subscription.renewed",
      title: `${subscription.consumerTeam.name}'s access to ${where} is renewed`,
      body: endsAt ? `It now runs until ${endsAt.toISOString().slice(0, 10)}.` : "It now runs with no end.",
      link: subscriptionsLink,
      data: { subscriptionId: subscription.id, renews: subscription.renewsId, port: where, endsAt: endsAt?.toISOString() ?? null },
      recipients: consumerRecipients(subscription),
    });
  }
}

/** The renewed subscription, if it is still open, ends as renewed (its grants pass to the renewal); its end date is returned. */
async function takeOverRenewed(tx: Tx, actor: Actor | null, renewedId: string, renewalId: string): Promise<{ endsAt: Date | null } | null> {
  const old = await lockSubscription(tx, renewedId);
  if (!old || (old.state !== "provisioning" && old.state !== "active")) return null;
  await endSubscriptionAccess(tx, actor, old, {
    state: "renewed",
    reason: `Renewed by subscription ${renewalId}.`,
    action: "subscription.renewed",
    summary: `${old.teamName}'s subscription ${old.id} to ${old.urn}:${old.portName} is renewed by ${renewalId}`,
  });
  return { endsAt: old.endsAt };
}

export async function onSubscriptionRejected(tx: Tx, actor: Actor | null, request: DecidedRequest, comment: string | null | undefined): Promise<void> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: request.subjectId }, select: { id: true, state: true, port: { select: { name: true, dataProduct: { select: { urn: true } } } }, consumerTeam: { select: { name: true } } } });
  // A rejection ends the request and the requester is owed the reason; throwing here undoes the decision too.
  const reason = comment?.trim();
  if (!reason) throw validationFailed("A rejection needs a comment: tell the requester why.", [{ path: "comment", message: "is required to reject" }]);
  const { count } = await tx.subscription.updateMany({ where: { id: subscription.id, state: "pending_approval" }, data: { state: "rejected", reason, endedAt: now() } });
  if (count === 0) throw conflict(`Subscription ${subscription.id} is no longer waiting for approval.`);
  await recordAuditEvent(tx, actor, {
    action: "subscription.reject",
    entityType: "subscription",
    entityId: subscription.id,
    summary: `${subscription.consumerTeam.name}'s access to ${subscription.port.dataProduct.urn}:${subscription.port.name} is rejected: ${reason}`,
    before: { state: subscription.state },
    after: { state: "rejected", reason, approvalRequestId: request.id },
  });
}

/** The 409 of a second decision, in the subscription's words. */
async function describeDecidedSubscription(tx: Tx, request: DecidedRequest): Promise<string | null> {
  const subscription = await tx.subscription.findUnique({ where: { id: request.subjectId }, select: { state: true, reason: true } });
  if (!subscription) return null;
  const reason = subscription.reason ? `: ${subscription.reason}` : "";
  return `This subscription request was already decided; the subscription is ${subscription.state.replace("_", " ")}${reason}.`;
}

export const subscriptionApprovalHandlers = { onApproved: onSubscriptionApproved, onRejected: onSubscriptionRejected, describeDecided: describeDecidedSubscription } satisfies ApprovalSubjectHandler;
