import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";
import { findMaterializedPortOrThrow, requireMaterializationOperator } from "./find-materialized-port";
import { INT8_MAX } from "./dead-letter-id";

export const DeadLetterQuery = z.object({
  /** Only those not replayed yet (the default), or all. */
  state: z.enum(["waiting", "replayed", "all"]).default("waiting"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Page on: ids below this one. */
  before: z.coerce.bigint().positive().lte(INT8_MAX, "must be a dead letter's id").optional(),
});

export type DeadLetterView = {
  id: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The record's value as it was on the topic, base64 (null for a tombstone). */
  valueBase64: string | null;
  recordTimestamp: string | null;
  reason: string;
  error: string;
  createdAt: string;
  replayedAt: string | null;
  replayError: string | null;
};

/** A table port's dead letters, newest first; its owners' (and admins'), as the raw bytes may hold what the table leaves out. */
export async function listDeadLetters(actor: Actor, portRef: string, query: unknown = {}): Promise<{ port: string; deadLetters: DeadLetterView[]; nextBefore: string | null }> {
  const { state, limit, before } = parseInput(DeadLetterQuery, query, "Dead-letter query");
  const port = await findMaterializedPortOrThrow(actor, portRef);
  requireMaterializationOperator(actor, port, "read the dead letters of");
  const rows = await db.deadLetter.findMany({
    where: { portId: port.id, ...(state === "waiting" ? { replayedAt: null } : state === "replayed" ? { replayedAt: { not: null } } : {}), ...(before ? { id: { lt: before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    port: port.urn,
    deadLetters: page.map((d) => ({
      id: String(d.id),
      partition: d.partition,
      offset: String(d.offset),
      key: d.key,
      valueBase64: d.valueBase64,
      recordTimestamp: d.recordTimestamp?.toISOString() ?? null,
      reason: d.reason,
      error: d.error,
      createdAt: d.createdAt.toISOString(),
      replayedAt: d.replayedAt?.toISOString() ?? null,
      replayError: d.replayError,
    })),
    nextBefore: rows.length > limit ? String(page[page.length - 1].id) : null,
  };
}
