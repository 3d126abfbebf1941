import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { auditEntityLinks } from "./audit-entity-links";

/** One audit event with its place in the chain and its entity's page, for stewards and admins; an id that is no event's is not found. */
export async function getAuditEvent(actor: Actor, id: string) {
  requireSteward(actor, "read the audit log");
  if (!/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > 9223372036854775807n) throw notFound(`Audit event ${id.slice(0, 40)}`);
  const event = await db.auditEvent.findUnique({ where: { id: BigInt(id) } });
  if (!event) throw notFound(`Audit event ${id}`);
  const entity = (await auditEntityLinks([event]))(event);
  return { ...event, id: event.id.toString(), seq: event.seq?.toString() ?? null, entity };
}
