import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
};

const toJson = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

/** Writes an audit event inside the caller's transaction, so the event and the change commit together. */
export async function recordAuditEvent(tx: Tx, actor: Actor | null, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      // Meshwork's clock, like every other timestamp of the change (the chain's order is the sealing order, not this).
      at: now(),
      // The service identity is no user row; its label says who acted.
      actorId: actor && !actor.service ? actor.id : null,
      actorLabel: actor ? `${actor.name} <${actor.email}>` : "system",
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      summary: event.summary,
      before: toJson(event.before),
      after: toJson(event.after),
    },
  });
}
