import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { enqueueWebhookDelivery } from "./enqueue-webhook-delivery";
import { findManagedTeamOrThrow } from "./team-webhook-access";

/** Sends a delivery's event again, as a new delivery (same event id, so receivers can tell it is the same event). */
export async function resendWebhookDelivery(actor: Actor, teamId: string, deliveryId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    const original = isUuid(deliveryId) ? await tx.webhookDelivery.findFirst({ where: { id: deliveryId, teamId: team.id } }) : null;
    if (!original) throw notFound(`Delivery ${deliveryId}`);
    if (!(await tx.teamWebhook.findUnique({ where: { teamId: team.id }, select: { teamId: true } }))) throw conflict(`Team ${team.name} has no webhook to send to: set one first.`);
    const resent = await enqueueWebhookDelivery(tx, { teamId: team.id, eventId: original.eventId, kind: original.kind, payload: original.payload as Record<string, unknown>, resentFromId: original.id });
    await recordAuditEvent(tx, actor, { action: "team.webhook.resend", entityType: "webhook_delivery", entityId: resent.id, summary: `Resending ${original.kind} (delivery ${original.id}) to ${team.name}'s webhook` });
    return resent;
  });
}

/** Sends a "webhook.test" event to the team's webhook, so owners can check their receiver. */
export async function sendTestWebhook(actor: Actor, teamId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    if (!(await tx.teamWebhook.findUnique({ where: { teamId: team.id }, select: { teamId: true } }))) throw conflict(`Team ${team.name} has no webhook to send to: set one first.`);
    const eventId = randomUUID();
    return enqueueWebhookDelivery(tx, {
      teamId: team.id,
      eventId,
      kind: "webhook.test",
      payload: { id: eventId, type: "webhook.test", createdAt: now().toISOString(), team, title: `A test event for ${team.name}'s webhook`, body: null, link: null, data: { requestedBy: actor.email } },
    });
  });
}
