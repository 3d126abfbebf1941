import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { grantJobKey } from "@/lib/provisioning/request-grant-provisioning";

export type EndingState = "expired" | "revoked" | "ended" | "renewed";

export type LockedSubscription = {
  id: string;
  state: string;
  portId: string;
  consumerTeamId: string;
  requesterId: string | null;
  endsAt: Date | null;
  renewsId: string | null;
  portName: string;
  urn: string;
  productTeamId: string;
  teamName: string;
};

/** The subscription's row, locked for the rest of the transaction: every state change of a subscription takes this lock. */
export async function lockSubscription(tx: Tx, id: string): Promise<LockedSubscription | null> {
  const [row] = await tx.$queryRaw<LockedSubscription[]>`
    SELECT s.id, s.state::text AS state, s.port_id AS "portId", s.consumer_team_id AS "consumerTeamId", s.requester_id AS "requesterId",
           s.ends_at AS "endsAt", s.renews_id AS "renewsId", p.name AS "portName", d.urn, d.team_id AS "productTeamId", t.name AS "teamName"
    FROM subscription s JOIN port p ON p.id = s.port_id JOIN data_product d ON d.id = p.data_product_id JOIN team t ON t.id = s.consumer_team_id
    WHERE s.id = ${id}::uuid
    FOR UPDATE OF s`;
  return row ?? null;
}

/**
 * Ends an approved subscription's access in the caller's transaction (the subscription already locked): provisioning or
 * active → `state` with the reason and endedAt; each grant that may hold access → revoking, with a revoke job for the
 * worker (replacing a provision job still waiting for that grant); a grant that never applied → revoked at once. A
 * renewal still waiting for approval is withdrawn too, unless the subscription merely expired (renewing then restores
 * access) or was renewed. Returns false, changing nothing, when the subscription was no longer open.
 */
export async function endSubscriptionAccess(tx: Tx, actor: Actor | null, subscription: LockedSubscription, { state, reason, action, summary }: { state: EndingState; reason: string; action: string; summary: string }): Promise<boolean> {
  const at = now();
  const { count } = await tx.subscription.updateMany({ where: { id: subscription.id, state: { in: ["provisioning", "active"] } }, data: { state, reason, endedAt: at } });
  if (count === 0) return false;
  const grants = await tx.accessGrant.findMany({ where: { subscriptionId: subscription.id, state: { notIn: ["revoking", "revoked"] } }, select: { id: true, state: true } });
  for (const grant of grants) {
    if (grant.state === "not_supported") {
      await tx.accessGrant.update({ where: { id: grant.id }, data: { state: "revoked" } });
      continue;
    }
    await tx.accessGrant.update({ where: { id: grant.id }, data: { state: "revoking", attempts: 0 } });
    await enqueueJob(tx, "provision-grant", { action: "revoke", portId: subscription.portId, teamId: subscription.consumerTeamId, grantId: grant.id }, { jobKey: grantJobKey(grant.id) });
  }
  if (state === "revoked" || state === "ended") await withdrawPendingRenewals(tx, subscription.id, `The subscription it renews was ${state}: ${reason}`);
  await recordAuditEvent(tx, actor, {
    action,
    entityType: "subscription",
    entityId: subscription.id,
    summary,
    before: { state: subscription.state },
    after: { state, reason, endedAt: at, grantsRevoking: grants.filter((g) => g.state !== "not_supported").map((g) => g.id) },
  });
  return true;
}

async function withdrawPendingRenewals(tx: Tx, subscriptionId: string, reason: string): Promise<void> {
  const renewals = await tx.subscription.findMany({ where: { renewsId: subscriptionId, state: "pending_approval" }, select: { id: true } });
  for (const renewal of renewals) {
    await tx.subscription.update({ where: { id: renewal.id }, data: { state: "cancelled", reason, endedAt: now() } });
    const request = await tx.approvalRequest.findUnique({ where: { subject_subjectId: { subject: "subscription", subjectId: renewal.id } }, select: { id: true } });
    if (request) {
      await tx.approvalRequest.update({ where: { id: request.id }, data: { state: "cancelled", decidedAt: now() } });
      await tx.approvalStep.updateMany({ where: { requestId: request.id, state: { in: ["pending", "waiting"] } }, data: { state: "skipped" } });
    }
    await recordAuditEvent(tx, null, { action: "subscription.cancel", entityType: "subscription", entityId: renewal.id, summary: `Renewal ${renewal.id} is withdrawn: ${reason}`, before: { state: "pending_approval" }, after: { state: "cancelled", reason } });
  }
}

/** Who hears about a subscription: the consuming team's members and its requester. */
export const consumerRecipients = (subscription: { consumerTeamId: string; requesterId: string | null }) => ({
  teamIds: [subscription.consumerTeamId],
  userIds: subscription.requesterId ? [subscription.requesterId] : [],
});

export const subscriptionsLink = "/subscriptions";
