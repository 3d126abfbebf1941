import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { canOperateMaterialization, findMaterializedPortOrThrow } from "./find-materialized-port";

/** How far behind a rate still counts as current: a partition with no write for this long contributes 0 rows/s. */
const RATE_STALE_MS = 30_000;

export type MaterializationPartitionStatus = {
  partition: number;
  /** The next offset the table wants: every record below it is a row or a dead letter. */
  nextOffset: number;
  /** The topic's end offset (high watermark) as last seen by a worker, and when; null before any worker saw it. */
  endOffset: number | null;
  endOffsetAt: string | null;
  lagMessages: number | null;
  /** Seconds since the last record written was produced, while records wait; 0 when caught up. */
  lagSeconds: number | null;
  rowsWritten: number;
  lastWriteAt: string | null;
  rowsPerSecond: number;
};

/** A partition whose end offset fell below the stored offset. */
export type ResetPartition = { partition: number; storedOffset: number; endOffset: number };

export type MaterializationState =
  /** A table port not materialized from any topic port. */
  | "not_materialized"
  /** Materialized, but no worker has written anything yet. */
  | "waiting"
  | "running"
  | "paused"
  /** Stopped by an error (a contract change the table cannot take): fix it, then resume. */
  | "stopped"
  /** The topic's end is below the stored offset (a recreated topic): an owner restarts it from the beginning. */
  | "reset_detected";

export type MaterializationStatus = {
  port: string;
  portId: string;
  /** `<schema>.<table>`. */
  table: string | null;
  topic: string | null;
  sourcePort: string | null;
  state: MaterializationState;
  paused: boolean;
  error: { message: string; at: string | null } | null;
  resetDetected: { at: string; partitions: ResetPartition[] } | null;
  /** How many times it was restarted from the beginning; a restart may name the one it answers (409 if another came first). */
  generation: number;
  /** Fields the stream carries that the table's contract lacks: not stored. */
  fieldsNotMaterialized: string[];
  /** The table contract version the table's columns follow. */
  contractVersion: string | null;
  rowsWritten: number;
  lastWriteAt: string | null;
  rowsPerSecond: number;
  lag: { messages: number | null; seconds: number | null };
  partitions: MaterializationPartitionStatus[];
  deadLetters: { total: number; waiting: number; lastAt: string | null };
  /** Whether the caller may pause, resume, replay and restart (an owner of the team, or an admin). */
  canOperate: boolean;
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** A table port's materialization, as anyone who may see its product sees it. */
export async function getMaterializationStatus(actor: Actor, portRef: string): Promise<MaterializationStatus> {
  const port = await findMaterializedPortOrThrow(actor, portRef);
  const [state, offsets, deadLetters] = await Promise.all([
    db.materialization.findUnique({ where: { portId: port.id } }),
    db.materializationOffset.findMany({ where: { portId: port.id }, orderBy: { partition: "asc" } }),
    db.$queryRaw<{ total: bigint; waiting: bigint; last_at: Date | null }[]>`
      SELECT count(*) AS total, count(*) FILTER (WHERE replayed_at IS NULL) AS waiting, max(created_at) AS last_at FROM dead_letter WHERE port_id = ${port.id}::uuid`,
  ]);
  const at = now().getTime();
  // Paused or stopped ports write nothing, whatever rate their last batches had.
  const writing = port.source !== null && !state?.resetDetectedAt && !state?.error && !state?.paused;
  const partitions: MaterializationPartitionStatus[] = offsets.map((o) => {
    const next = Number(o.nextOffset);
    const end = o.endOffset === null ? null : Number(o.endOffset);
    const lagMessages = end === null ? null : Math.max(0, end - next);
    const lagSeconds = lagMessages === null ? null : lagMessages === 0 ? 0 : o.lastRecordAt ? Math.max(0, (at - o.lastRecordAt.getTime()) / 1000) : null;
    const fresh = o.lastWriteAt !== null && at - o.lastWriteAt.getTime() <= RATE_STALE_MS;
    return {
      partition: o.partition,
      nextOffset: next,
      endOffset: end,
      endOffsetAt: iso(o.endOffsetAt),
      lagMessages,
      lagSeconds,
      rowsWritten: Number(o.rowsWritten),
      lastWriteAt: iso(o.lastWriteAt),
      rowsPerSecond: fresh && writing ? o.rowsPerSecond : 0,
    };
  });
  // Unknown while any partition's is, and while no worker has seen the topic yet (none, or since a restart).
  const known = <T>(values: (T | null)[]) => (values.length === 0 || values.some((v) => v === null) ? null : (values as T[]));
  const lagMessages = known(partitions.map((p) => p.lagMessages));
  const lagSeconds = known(partitions.map((p) => p.lagSeconds));
  const lastWrite = offsets.map((o) => o.lastWriteAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  const reset = state?.resetDetectedAt ? { at: state.resetDetectedAt.toISOString(), partitions: (state.resetDetails as ResetPartition[] | null) ?? [] } : null;
  const status: MaterializationState = !port.source
    ? "not_materialized"
    : reset
      ? "reset_detected"
      : state?.error
        ? "stopped"
        : state?.paused
          ? "paused"
          : offsets.length === 0
            ? "waiting"
            : "running";
  const dl = deadLetters[0];
  return {
    port: port.urn,
    portId: port.id,
    table: port.location,
    topic: port.source?.location ?? null,
    sourcePort: port.source ? `${port.dataProduct.urn}:${port.source.name}` : null,
    state: status,
    paused: state?.paused ?? false,
    error: state?.error ? { message: state.error, at: iso(state.errorAt) } : null,
    resetDetected: reset,
    generation: state?.generation ?? 0,
    fieldsNotMaterialized: state?.fieldsNotMaterialized ?? [],
    contractVersion: state?.contractVersion ?? null,
    rowsWritten: partitions.reduce((n, p) => n + p.rowsWritten, 0),
    lastWriteAt: iso(lastWrite),
    rowsPerSecond: partitions.reduce((n, p) => n + p.rowsPerSecond, 0),
    lag: { messages: lagMessages && lagMessages.reduce((n, v) => n + v, 0), seconds: lagSeconds && Math.max(...lagSeconds) },
    partitions,
    deadLetters: { total: Number(dl?.total ?? 0), waiting: Number(dl?.waiting ?? 0), lastAt: iso(dl?.last_at) },
    canOperate: canOperateMaterialization(actor, port.dataProduct),
  };
}
