import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notFound } from "@/lib/errors";
import { findManagedTeamOrThrow } from "./team-webhook-access";

/** Removes a team's webhook; deliveries still waiting then fail with "the team has no webhook any more". */
export async function deleteTeamWebhook(actor: Actor, teamId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    const before = await tx.teamWebhook.findUnique({ where: { teamId: team.id } });
    if (!before) throw notFound(`A webhook of team ${team.name}`);
    await tx.teamWebhook.delete({ where: { teamId: team.id } });
    await recordAuditEvent(tx, actor, { action: "team.webhook.delete", entityType: "team", entityId: team.id, summary: `${team.name}'s webhook was removed`, before: { url: before.url } });
  });
}
