import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation";

export const AuditQuery = z.object({
  action: z.string().max(80).optional(),
  entityType: z.string().max(80).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listAuditEvents(actor: Actor, query: unknown) {
  requireSteward(actor, "read the audit log");
  const q = parseInput(AuditQuery, query, "Audit query");
  const where = {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.actor ? { actorLabel: { contains: q.actor, mode: "insensitive" as const } } : {}),
  };
  const [items, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.auditEvent.count({ where }),
  ]);
  return { items: items.map((e) => ({ ...e, id: e.id.toString(), seq: e.seq?.toString() ?? null })), total, page: q.page, pageSize: q.pageSize };
}
