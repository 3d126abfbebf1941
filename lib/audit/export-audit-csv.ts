import { stringify } from "csv-stringify/sync";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { parseInput } from "@/lib/validation";
import { AuditFilter, auditWhere } from "./audit-filter";

const BATCH = 500;
export const AUDIT_CSV_COLUMNS = ["id", "at", "actor", "action", "entity_type", "entity_id", "summary", "before", "after"];

type CsvEvent = { id: bigint; at: Date; actorLabel: string; action: string; entityType: string; entityId: string; summary: string; before: unknown; after: unknown };

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

/** CSV lines for audit events; a cell that a spreadsheet would run as a formula (=, +, -, @) is quoted as text. */
export function auditCsvRows(events: CsvEvent[], { header = false } = {}): string {
  const rows = events.map((e) => [e.id.toString(), e.at.toISOString(), e.actorLabel, e.action, e.entityType, e.entityId, e.summary, json(e.before), json(e.after)]);
  return stringify(header ? [AUDIT_CSV_COLUMNS, ...rows] : rows, { escape_formulas: true, record_delimiter: "\r\n" });
}

/**
 * The audit events matching the log's filters as CSV, newest first, streamed in batches so that an export of the
 * whole log never holds it in memory. Who may read the audit log may export it; the check runs before any byte is sent.
 */
export function exportAuditCsv(actor: Actor, query: unknown): ReadableStream<Uint8Array> {
  requireSteward(actor, "read the audit log");
  const where = auditWhere(parseInput(AuditFilter, query, "Audit query"));
  const encoder = new TextEncoder();
  let before: bigint | null = null;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const events = await db.auditEvent.findMany({ where: before === null ? where : { AND: [where, { id: { lt: before } }] }, orderBy: { id: "desc" }, take: BATCH });
      const text = auditCsvRows(events, { header: first });
      first = false;
      if (text) controller.enqueue(encoder.encode(text));
      if (events.length < BATCH) controller.close();
      else before = events[events.length - 1].id;
    },
  });
}
