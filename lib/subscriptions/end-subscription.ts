import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { conflict, forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { parseInput } from "@/lib/validation";
import { endSubscriptionAccess, lockSubscription } from "./end-subscription-access";
import { findSubscriptionOrThrow } from "./get-subscription";
import { CancelInput } from "./subscription-input";
import { subscriptionView } from "./subscription-view";

/**
 * The consuming team ends its own approved subscription (its requester, an owner of the team, or an admin): it becomes
 * ended, the worker revokes its grants, and the product's team is told. Of two ends at once one wins.
 */
export async function endSubscription(actor: Actor, id: string, input: unknown) {
  const { reason } = parseInput(CancelInput, input, "Ending");
  return db.$transaction(async (tx) => {
    const found = await findSubscriptionOrThrow(actor, id, tx);
    if (found.requesterId !== actor.id && !ownerOfTeam(actor, found.consumerTeamId) && !isAdmin(actor)) {
      throw forbidden(`Only the requester, an owner of ${found.consumerTeam.name} or an admin can end its subscription.`);
    }
    const subscription = (await lockSubscription(tx, found.id))!;
    const where = `${subscription.urn}:${subscription.portName}`;
    const ended = await endSubscriptionAccess(tx, actor, subscription, {
      state: "ended",
      reason: reason || `Ended by ${actor.name}.`,
      action: "subscription.end",
      summary: `${actor.name} ends ${subscription.teamName}'s access to ${where}${reason ? `: ${reason}` : ""}`,
    });
    if (!ended) {
      throw conflict(
        subscription.state === "pending_approval"
          ? `Subscription ${subscription.id} is still waiting for approval: withdraw the request instead (POST /api/v1/subscriptions/${subscription.id}/cancel).`
          : `Subscription ${subscription.id} is already ${subscription.state.replace("_", " ")}; there is no access left to end.`,
        [{ path: "state", message: subscription.state }],
      );
    }
    await notify(tx, {
      kind: "subscription.ended",
      title: `${subscription.teamName} ended its access to ${where}`,
      body: reason ? `Their reason: ${reason}` : undefined,
      link: "/subscriptions",
      data: { subscriptionId: subscription.id, port: where, endedBy: actor.email, reason: reason ?? null },
      recipients: { teamIds: [subscription.productTeamId] },
    });
    return subscriptionView(tx, subscription.id);
  });
}
