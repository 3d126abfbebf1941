import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export async function revokeApiToken(actor: Actor, tokenId: string) {
  await db.$transaction(async (tx) => {
    const token = !isUuid(tokenId) ? null : await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id } });
    if (!token) throw notFound(`API token ${tokenId}`);
    if (token.revokedAt) return;
    // Conditional: of revocations at once, one revokes (and is audited); the rest find it revoked already.
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) return;
    await recordAuditEvent(tx, actor, { action: "token.revoke", entityType: "api_token", entityId: token.id, summary: `Revoked API token "${token.name}"`, before: { name: token.name, prefix: token.prefix } });
  });
}
