import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { notify } from "@/lib/notifications/notify";
import { consumerRecipients, endSubscriptionAccess, lockSubscription, subscriptionsLink } from "./end-subscription-access";

const DAY_MS = 86_400_000;
const BATCH = 200;

/**
 * The worker's expiry pass: every approved subscription whose end date has passed (by lib/clock's now()) becomes
 * expired, its grants revoked by the worker, its team told. Each in a transaction of its own under the subscription's
 * lock, so a revocation or renewal at the same moment is ordered with it. Returns the ids expired.
 */
export async function expireSubscriptions(at: Date = now()): Promise<string[]> {
  const due = await db.subscription.findMany({ where: { state: { in: ["provisioning", "active"] }, endsAt: { lte: at } }, select: { id: true }, orderBy: { endsAt: "asc" }, take: BATCH });
  const expired: string[] = [];
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const subscription = await lockSubscription(tx, id);
      if (!subscription?.endsAt || subscription.endsAt > at) return false;
      const where = `${subscription.urn}:${subscription.portName}`;
      const ended = await endSubscriptionAccess(tx, null, subscription, {
        state: "expired",
        reason: `Reached its end date ${subscription.endsAt.toISOString()}.`,
        action: "subscription.expire",
        summary: `${subscription.teamName}'s access to ${where} expired on ${subscription.endsAt.toISOString()}`,
      });
      if (!ended) return false;
      await notify(tx, {
        kind: "subscription.expired",
        title: `${subscription.teamName}'s access to ${where} expired`,
        body: `It reached its end date (${subscription.endsAt.toISOString().slice(0, 10)}). Renew it on My subscriptions to ask for access again.`,
        link: subscriptionsLink,
        data: { subscriptionId: subscription.id, port: where, endsAt: subscription.endsAt.toISOString() },
        recipients: consumerRecipients(subscription),
      });
      return true;
    });
    if (done) expired.push(id);
  }
  return expired;
}

/**
 * The worker's reminder pass: an approved subscription ending within the lead time (MESHWORK_EXPIRY_REMINDER_DAYS,
 * 14 by default) is announced to its team once (remindedAt), with the way to renew.
 */
export async function remindExpiringSubscriptions(at: Date = now(), leadDays: number = env.MESHWORK_EXPIRY_REMINDER_DAYS): Promise<string[]> {
  const horizon = new Date(at.getTime() + leadDays * DAY_MS);
  const due = await db.subscription.findMany({ where: { state: { in: ["provisioning", "active"] }, remindedAt: null, endsAt: { gt: at, lte: horizon } }, select: { id: true }, orderBy: { endsAt: "asc" }, take: BATCH });
  const reminded: string[] = [];
  for (const { id } of due) {
    const done = await db.$transaction(async (tx) => {
      const subscription = await lockSubscription(tx, id);
      if (!subscription?.endsAt) return false;
      const { count } = await tx.subscription.updateMany({ where: { id, remindedAt: null, state: { in: ["provisioning", "active"] } }, data: { remindedAt: at } });
      if (count === 0) return false;
      const where = `${subscription.urn}:${subscription.portName}`;
      const days = Math.max(1, Math.ceil((subscription.endsAt.getTime() - at.getTime()) / DAY_MS));
      await recordAuditEvent(tx, null, {
        action: "subscription.remind",
        entityType: "subscription",
        entityId: id,
        summary: `${subscription.teamName} reminded that its access to ${where} expires in ${days} day${days === 1 ? "" : "s"} (${subscription.endsAt.toISOString()})`,
        after: { remindedAt: at, endsAt: subscription.endsAt, leadDays },
      });
      await notify(tx, {
        kind: "subscription.expiring",
        title: `${subscription.teamName}'s access to ${where} expires in ${days} day${days === 1 ? "" : "s"}`,
        body: `It ends on ${subscription.endsAt.toISOString().slice(0, 10)}. Renew it on My subscriptions to keep access.`,
        link: subscriptionsLink,
        data: { subscriptionId: id, port: where, endsAt: subscription.endsAt.toISOString(), days },
        recipients: consumerRecipients(subscription),
      });
      return true;
    });
    if (done) reminded.push(id);
  }
  return reminded;
}
