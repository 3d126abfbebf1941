import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation";
import { auditEntityLinks } from "./audit-entity-links";
import { AuditFilterFields, auditWhere, rangeInOrder } from "./audit-filter";

export const AuditQuery = AuditFilterFields.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).refine(...rangeInOrder);

export async function listAuditEvents(actor: Actor, query: unknown) {
  requireSteward(actor, "read the audit log");
  const q = parseInput(AuditQuery, query, "Audit query");
  const where = auditWhere(q);
  const [items, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.auditEvent.count({ where }),
  ]);
  const linkOf = await auditEntityLinks(items);
  return {
    items: items.map((e) => ({ ...e, id: e.id.toString(), seq: e.seq?.toString() ?? null, entity: linkOf(e) })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
