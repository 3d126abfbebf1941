import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { parseInput } from "@/lib/validation";
import { findManagedTeamOrThrow } from "./team-webhook-access";
import { WebhookSettingsInput } from "./webhook-input";
import { generateWebhookSecret } from "./webhook-signature";

/**
 * Sets a team's webhook URL. A new webhook gets a signing secret, returned this once (it is never shown again);
 * changing the URL of an existing one keeps its secret. Team owners and admins only.
 */
export async function setTeamWebhook(actor: Actor, teamId: string, input: unknown): Promise<{ url: string; secret: string | null; createdAt: Date; updatedAt: Date }> {
  const { url } = parseInput(WebhookSettingsInput, input, "Webhook");
  return db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    await tx.$queryRaw`SELECT id FROM "team" WHERE id = ${team.id}::uuid FOR NO KEY UPDATE`;
    const before = await tx.teamWebhook.findUnique({ where: { teamId: team.id } });
    const at = now();
    const secret = before ? null : generateWebhookSecret();
    const hook = before
      ? await tx.teamWebhook.update({ where: { teamId: team.id }, data: { url, updatedAt: at } })
      : await tx.teamWebhook.create({ data: { teamId: team.id, url, secret: secret!, createdAt: at, updatedAt: at, secretRotatedAt: at } });
    await recordAuditEvent(tx, actor, {
      action: before ? "team.webhook.update" : "team.webhook.create",
      entityType: "team",
      entityId: team.id,
      summary: `${team.name}'s webhook ${before ? "now points to" : "set to"} ${url}`,
      before: before ? { url: before.url } : undefined,
      after: { url },
    });
    return { url: hook.url, secret, createdAt: hook.createdAt, updatedAt: hook.updatedAt };
  });
}
