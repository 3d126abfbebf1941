import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notFound } from "@/lib/errors";
import { findManagedTeamOrThrow } from "./team-webhook-access";
import { generateWebhookSecret } from "./webhook-signature";

/** Replaces a team's webhook signing secret and returns the new one, this once; deliveries from now on use it. */
export async function rotateWebhookSecret(actor: Actor, teamId: string): Promise<{ secret: string; secretRotatedAt: Date }> {
  return db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    const secret = generateWebhookSecret();
    const at = now();
    const updated = await tx.teamWebhook.updateMany({ where: { teamId: team.id }, data: { secret, secretRotatedAt: at, updatedAt: at } });
    if (updated.count === 0) throw notFound(`A webhook of team ${team.name}`);
    await recordAuditEvent(tx, actor, { action: "team.webhook.rotate_secret", entityType: "team", entityId: team.id, summary: `${team.name}'s webhook signing secret was replaced` });
    return { secret, secretRotatedAt: at };
  });
}
