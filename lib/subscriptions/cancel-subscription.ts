import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { findSubscriptionOrThrow } from "./get-subscription";
import { CancelInput } from "./subscription-input";
import { subscriptionView } from "./subscription-view";

/**
 * The requester (or an owner of the consuming team, or an admin) withdraws a request still waiting for approval.
 * An approved subscription is ended instead (end-subscription.ts), or revoked by the product's side.
 */
export async function cancelSubscription(actor: Actor, id: string, input: unknown) {
  const { reason } = parseInput(CancelInput, input, "Cancellation");
  return db.$transaction(async (tx) => {
    const subscription = await findSubscriptionOrThrow(actor, id, tx);
    if (subscription.requesterId !== actor.id && !ownerOfTeam(actor, subscription.consumerTeamId) && !isAdmin(actor)) {
      throw forbidden("Only the requester, an owner of the consuming team or an admin can cancel a subscription request.");
    }
    // The approval request's row lock is the one decisions take: a cancel and a decision at once are ordered by it.
    const [request] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM approval_request WHERE subject = 'subscription' AND subject_id = ${subscription.id}::uuid FOR UPDATE`;
    const at = now();
    const { count } = await tx.subscription.updateMany({ where: { id: subscription.id, state: "pending_approval" }, data: { state: "cancelled", reason: reason || `Cancelled by ${actor.name}.`, endedAt: at } });
    if (count === 0) {
      const current = await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id }, select: { state: true } });
      throw conflict(
        current.state === "provisioning" || current.state === "active"
          ? `Subscription ${subscription.id} is already approved (${current.state}): end it instead (POST /api/v1/subscriptions/${subscription.id}/end).`
          : `Subscription ${subscription.id} is ${current.state}; only a request waiting for approval can be cancelled.`,
        [{ path: "state", message: current.state }],
      );
    }
    if (request) {
      await tx.approvalRequest.update({ where: { id: request.id }, data: { state: "cancelled", decidedAt: at } });
      await tx.approvalStep.updateMany({ where: { requestId: request.id, state: { in: ["pending", "waiting"] } }, data: { state: "skipped" } });
    }
    await recordAuditEvent(tx, actor, {
      action: "subscription.cancel",
      entityType: "subscription",
      entityId: subscription.id,
      summary: `${subscription.consumerTeam.name}'s request for ${subscription.port.dataProduct.urn}:${subscription.port.name} is cancelled${reason ? `: ${reason}` : ""}`,
      before: { state: subscription.state },
      after: { state: "cancelled", reason: reason ?? null },
    });
    return subscriptionView(tx, subscription.id);
  });
}
