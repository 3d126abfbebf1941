import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";

/** The previous hash of the first sealed event. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The canonical JSON of an audit event's stored fields, as PostgreSQL's jsonb text (keys in jsonb's fixed order,
 * the time in UTC to the millisecond), with `seq` standing for its place in the chain. The migration
 * 20261202010200_audit_chain chains the events that existed before it with the same expression: keep them identical.
 */
export function canonicalEventSql(seq: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`jsonb_build_object(
    'seq', ${seq},
    'id', e.id,
    'at', to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'actorId', e.actor_id,
    'actorLabel', e.actor_label,
    'action', e.action,
    'entityType', e.entity_type,
    'entityId', e.entity_id,
    'summary', e.summary,
    'before', e.before,
    'after', e.after
  )::text`;
}

/** An event's hash: sha256 over the previous event's hash (hex) followed by the event's canonical JSON, hex. */
export function chainHash(prevHash: string, canonical: string): string {
  return createHash("sha256").update(prevHash + canonical, "utf8").digest("hex");
}
