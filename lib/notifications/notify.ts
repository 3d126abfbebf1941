import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { notificationKinds, type NotificationKind } from "./notification-kinds";
import { enqueueWebhookDelivery } from "@/lib/webhooks/enqueue-webhook-delivery";

export type NotificationInput = {
  kind: NotificationKind;
  /** One line, plain words. */
  title: string;
  /** Optional detail (markdown-free text). */
  body?: string;
  /** A portal path, e.g. /products/sales/orders. */
  link?: string;
  /** JSON for the webhook payload. */
  data?: Record<string, unknown>;
  /** Teams expand to their members; teams' webhooks fire. */
  recipients: { userIds?: string[]; teamIds?: string[] };
};

const NotificationInputSchema = z.object({
  kind: z.enum(notificationKinds),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(20_000).optional(),
  link: z
    .string()
    .regex(/^\/(?!\/)[^\s]*$/, "a portal path starting with one /")
    .optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  recipients: z.object({ userIds: z.array(z.string().uuid()).optional(), teamIds: z.array(z.string().uuid()).optional() }),
});

/**
 * Tells people about an event, in the caller's transaction: one notification row per recipient user (a team's
 * members each get one, a user named twice gets one), and one webhook delivery job per recipient team that has a
 * webhook. A rollback of the caller's change leaves neither.
 */
export async function notify(tx: Tx, input: NotificationInput): Promise<void> {
  const event = NotificationInputSchema.parse(input);
  const teamIds = [...new Set(event.recipients.teamIds ?? [])];
  const members = teamIds.length > 0 ? await tx.teamMembership.findMany({ where: { teamId: { in: teamIds } }, select: { userId: true } }) : [];
  const userIds = [...new Set([...(event.recipients.userIds ?? []), ...members.map((m) => m.userId)])];
  const eventId = randomUUID();
  const at = now();
  if (userIds.length > 0) {
    await tx.notification.createMany({
      data: userIds.map((userId) => ({
        userId,
        eventId,
        kind: event.kind,
        title: event.title,
        body: event.body ?? null,
        link: event.link ?? null,
        data: (event.data ?? undefined) as never,
        createdAt: at,
      })),
    });
  }
  if (teamIds.length === 0) return;
  const hooked = await tx.teamWebhook.findMany({ where: { teamId: { in: teamIds } }, select: { teamId: true, team: { select: { slug: true, name: true } } } });
  for (const hook of hooked) {
    await enqueueWebhookDelivery(tx, {
      teamId: hook.teamId,
      eventId,
      kind: event.kind,
      payload: {
        id: eventId,
        type: event.kind,
        createdAt: at.toISOString(),
        team: { id: hook.teamId, slug: hook.team.slug, name: hook.team.name },
        title: event.title,
        body: event.body ?? null,
        link: event.link ?? null,
        data: event.data ?? {},
      },
    });
  }
}
