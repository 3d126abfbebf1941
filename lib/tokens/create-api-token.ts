import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { displayName, parseInput } from "@/lib/validation";
import { generateToken, hashToken } from "./token-hash";

export const CreateTokenInput = z
  .object({
    name: displayName(1, 80),
    expiresInDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

/** Creates a personal API token; the plain token is returned only here, once. */
export async function createApiToken(actor: Actor, input: unknown) {
  const { name, expiresInDays } = parseInput(CreateTokenInput, input, "Token");
  const token = generateToken();
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        userId: actor.id,
        name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      },
    });
    await recordAuditEvent(tx, actor, { action: "token.create", entityType: "api_token", entityId: row.id, summary: `Created API token "${name}"`, after: { name, prefix: row.prefix } });
    return row;
  });
  return { id: created.id, name: created.name, prefix: created.prefix, createdAt: created.createdAt, expiresAt: created.expiresAt, token };
}
