import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

export function listApiTokens(actor: Actor) {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
