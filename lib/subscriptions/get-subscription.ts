import { db, type Db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { canSeeSubscription } from "./subscription-visibility";
import { subscriptionView } from "./subscription-view";

/** A subscription the caller may see; others' are reported as not found. */
export async function findSubscriptionOrThrow(actor: Actor, id: string, client: Tx | Db = db) {
  const subscription = isUuid(id)
    ? await client.subscription.findUnique({ where: { id }, select: { id: true, state: true, requesterId: true, consumerTeamId: true, port: { select: { name: true, dataProduct: { select: { urn: true, teamId: true } } } }, consumerTeam: { select: { name: true } } } })
    : null;
  if (!subscription || !canSeeSubscription(actor, subscription)) throw notFound(`Subscription ${id}`);
  return subscription;
}

/** One subscription with its approval chain (steps, decisions, comments) and its grants. */
export async function getSubscription(actor: Actor, id: string) {
  const { id: found } = await findSubscriptionOrThrow(actor, id);
  return subscriptionView(db, found);
}
