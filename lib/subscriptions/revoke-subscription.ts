import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isSteward, ownerOfTeam } from "@/lib/auth/permissions";
import { conflict, forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { parseInput } from "@/lib/validation";
import { consumerRecipients, endSubscriptionAccess, lockSubscription, subscriptionsLink } from "./end-subscription-access";
import { findSubscriptionOrThrow } from "./get-subscription";
import { RevokeInput } from "./subscription-input";
import { subscriptionView } from "./subscription-view";

/**
 * An owner of the product's team, a steward or an admin takes a subscription's access away at any time, with a reason
 * the consumers are told. The worker revokes the grants. Of two revocations at once one wins; the other is told.
 */
export async function revokeSubscription(actor: Actor, id: string, input: unknown) {
  const { reason } = parseInput(RevokeInput, input, "Revocation");
  return db.$transaction(async (tx) => {
    const found = await findSubscriptionOrThrow(actor, id, tx);
    if (!isSteward(actor) && !ownerOfTeam(actor, found.port.dataProduct.teamId)) {
      throw forbidden(`Only owners of the team that owns ${found.port.dataProduct.urn}, stewards and admins can revoke a subscription to it.`);
    }
    const subscription = (await lockSubscription(tx, found.id))!;
    const where = `${subscription.urn}:${subscription.portName}`;
    const ended = await endSubscriptionAccess(tx, actor, subscription, {
      state: "revoked",
      reason,
      action: "subscription.revoke",
      summary: `${actor.name} revokes ${subscription.teamName}'s access to ${where}: ${reason}`,
    });
    if (!ended) {
      throw conflict(
        subscription.state === "pending_approval"
          ? `Subscription ${subscription.id} is still waiting for approval: reject the request instead.`
          : `Subscription ${subscription.id} is already ${subscription.state.replace("_", " ")}; there is no access left to revoke.`,
        [{ path: "state", message: subscription.state }],
      );
    }
    await notify(tx, {
      kind: "subscription.revoked",
      title: `${subscription.teamName}'s access to ${where} was revoked`,
      body: `${actor.name} revoked it: ${reason}`,
      link: subscriptionsLink,
      data: { subscriptionId: subscription.id, port: where, reason, revokedBy: actor.email },
      recipients: consumerRecipients(subscription),
    });
    return subscriptionView(tx, subscription.id);
  });
}
