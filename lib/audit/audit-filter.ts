import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// A bound of the date range: a day (YYYY-MM-DD, in UTC, the whole day included) or an exact date and time.
const bound = (edge: "start" | "end") =>
  z
    .string()
    .max(40)
    .refine((v) => (DAY.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : !Number.isNaN(Date.parse(v))), "must be a date (YYYY-MM-DD) or a date and time")
    .transform((v) => (DAY.test(v) ? new Date(`${v}T${edge === "start" ? "00:00:00.000" : "23:59:59.999"}Z`) : new Date(v)));

/** The audit log's filters, shared by the paged list and the CSV export. */
export const AuditFilterFields = z.object({
  action: z.string().max(80).optional(),
  entityType: z.string().max(80).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  from: bound("start").optional(),
  to: bound("end").optional(),
});

/** Refines a schema built from AuditFilterFields: the range's end is not before its start. */
export const rangeInOrder: [(q: { from?: Date; to?: Date }) => boolean, { path: string[]; message: string }] = [(q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "must not be before the start of the range" }];

export const AuditFilter = AuditFilterFields.refine(...rangeInOrder);

export type AuditFilter = z.infer<typeof AuditFilter>;

export function auditWhere(q: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
    ...(q.actor ? { actorLabel: { contains: q.actor, mode: "insensitive" as const } } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: q.from } : {}), ...(q.to ? { lte: q.to } : {}) } } : {}),
  };
}
