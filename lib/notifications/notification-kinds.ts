/**
 * Every kind of notification Meshwork sends, in the app and to team webhooks (the webhook payload's `type`).
 * Add yours here; the label is what the notification centre and the webhook docs call it.
 */
export const NOTIFICATION_KINDS = {
  "approval.waiting": "A request waits for your decision",
  "subscription.decided": "A decision on your request",
  "contract-version.decided": "A decision on your contract version",
  "grant.applied": "Access granted",
  "grant.failed": "Access could not be granted",
  "subscription.expiring": "A subscription expires soon",
  "subscription.expired": "A subscription expired",
  "subscription.revoked": "A subscription was revoked",
  "subscription.ended": "A team ended its subscription",
  "subscription.renewed": "A subscription was renewed",
  "product.deprecated": "A product you consume is deprecated",
  "contract.activated": "A new contract version is active",
  "incident.opened": "An incident was opened",
  "incident.resolved": "An incident was resolved",
  "reconciliation.repaired": "Access was repaired",
  "webhook.test": "A test event",
} as const;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const notificationKinds = Object.keys(NOTIFICATION_KINDS) as [NotificationKind, ...NotificationKind[]];
