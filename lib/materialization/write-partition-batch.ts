import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { now } from "@/lib/clock";
import type { PortPlan, RecordMeta } from "./port-plan";
import type { Decoded } from "./record-decoder";

/** One consumed record (its value decoded once for every table port of its topic, beside it). */
export type PreparedRecord = {
  offset: bigint;
  /** The offset as Kafka's client gave it (text), for the row. */
  offsetText: string;
  timestamp: string;
  key: string | null;
  /** The raw value as it was on the topic (null: a tombstone). */
  raw: Buffer | null;
  headers: Record<string, string> | null;
};

export type DeadLetterInput = { partition: number; offset: string; key: string | null; value_base64: string | null; headers: Record<string, string> | null; record_timestamp: string; reason: string; error: string };

export type BatchOutcome =
  /** Written (or nothing new): the next offset the table wants. */
  | { kind: "written"; nextOffset: bigint; rows: number; deadLetters: number; tombstones: number; newFields: string[] }
  /** The port is paused, stopped by an error or awaiting a restart: nothing written. */
  | { kind: "inactive" }
  /** The stored offset is below where this worker reads (a restart from the beginning): seek back to it. */
  | { kind: "rewind"; storedOffset: bigint }
  /** The worker sought elsewhere meanwhile: these records are stale, nothing written. */
  | { kind: "stale" }
  /** The topic's end is below the stored offset: a recreated topic. Recorded, nothing written. */
  | { kind: "reset"; storedOffset: bigint; endOffset: bigint };

// PostgreSQL errors that belong to one row's values (data exceptions, not-null and check violations), not to the batch.
const isRowError = (error: unknown) => {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("22") || code === "23502" || code === "23514";
};

const TIME_CONSTANT_S = 5;

/**
 * One partition's records made ready for one table port, before any transaction: the rows as one COPY text, the
 * tombstones and the dead letters, each known by its record's index. Built in one pass right after decoding, so the
 * decoded values are garbage before the batch waits for PostgreSQL (kept, they outlive the young generation).
 */
export type ConvertedBatch = {
  records: PreparedRecord[];
  /** Every row's COPY line, in offset order, and where each starts in it (one more entry: the end). */
  rowText: string;
  rowStarts: number[];
  /** The record index of each row. */
  rowRecords: number[];
  tombstones: number[];
  dead: { index: number; reason: string; error: string }[];
  /** Fields of the rows (not of dead letters: another topic's event tells nothing) the table's contract lacks. */
  newFields: string[];
};

export function convertBatch(plan: PortPlan, partition: number, records: PreparedRecord[], decoded: (Decoded | null)[], knownFields: Set<string>): ConvertedBatch {
  const batch: ConvertedBatch = { records, rowText: "", rowStarts: [], rowRecords: [], tombstones: [], dead: [], newFields: [] };
  const lines: string[] = [];
  let length = 0;
  const newFields = new Set<string>();
  // One meta object for the batch, filled per record (each line is made before the next record).
  const meta: RecordMeta = { partition, offset: "", timestamp: "", key: null };
  for (let i = 0; i < records.length; i++) {
    const d = decoded[i];
    if (d === null) {
      if (plan.insertTombstones) batch.tombstones.push(i);
      continue;
    }
    if (!d.ok) {
      batch.dead.push({ index: i, reason: d.reason, error: d.error });
      continue;
    }
    const r = records[i];
    meta.offset = r.offsetText;
    meta.timestamp = r.timestamp;
    meta.key = r.key;
    const line = plan.toCopyLine(d.value, meta);
    if (typeof line !== "string") {
      batch.dead.push({ index: i, reason: line.reason, error: line.error });
      continue;
    }
    lines.push(line);
    batch.rowStarts.push(length);
    batch.rowRecords.push(i);
    length += line.length;
    for (const f of plan.unknownFields(d.value)) if (!knownFields.has(f)) newFields.add(f);
  }
  batch.rowStarts.push(length);
  batch.rowText = lines.join("");
  batch.newFields = [...newFields];
  return batch;
}

/**
 * Writes one partition's converted records for one table port, exactly once: in ONE transaction the rows, tombstones
 * and dead letters of the records at or above the stored offset, and the new stored offset. The port's state row is
 * locked shared (a restart, pause or resume waits for the batch) and the offset row for update (two workers that
 * briefly both hold the partition during a rebalance write it once: the second finds the offset moved and skips).
 */
export async function writePartitionBatch(
  client: pg.ClientBase,
  input: { portId: string; topic: string; partition: number; plan: PortPlan; batch: ConvertedBatch; highWatermark: bigint; expectedOffset?: bigint; synchronousCommit?: boolean; current?: () => boolean },
): Promise<BatchOutcome> {
  const { portId, topic, partition, plan, batch, highWatermark } = input;
  const { records } = batch;
  // Without waiting for the WAL flush: a PostgreSQL crash may lose the last batches, but rows and offsets together,
  // so they are consumed again; exactly once holds, and a commit no longer costs a disk flush (see the README's figures).
  // The port's state, locked shared, and the partition's stored offset, locked for this transaction (the upsert locks
  // the row it finds or creates), in one round trip: statements of literals, as a batch's round trips add up.
  const [port, topicText, part] = [pg.escapeLiteral(portId), pg.escapeLiteral(topic), Number(partition)];
  try {
    const opened = (await client.query(
      `BEGIN;${input.synchronousCommit === false ? " SET LOCAL synchronous_commit = off;" : ""}
       SELECT paused, error, reset_detected_at FROM materialization WHERE port_id = ${port} FOR SHARE;
       INSERT INTO materialization_offset AS o (port_id, partition, topic, next_offset) VALUES (${port}, ${part}, ${topicText}, 0)
         ON CONFLICT (port_id, partition) DO UPDATE SET topic = o.topic RETURNING o.next_offset, o.last_write_at, o.rows_per_second;
       SAVEPOINT batch`,
    )) as unknown as pg.QueryResult[];
    const results = opened.filter((r) => r.command === "SELECT" || r.command === "INSERT");
    const s = results[0].rows[0] as { paused: boolean; error: string | null; reset_detected_at: Date | null } | undefined;
    const stored = results[1].rows[0] as { next_offset: string; last_write_at: Date | null; rows_per_second: number };
    if (!s || s.paused || s.error || s.reset_detected_at) {
      await client.query("ROLLBACK");
      return { kind: "inactive" };
    }
    // Checked under the locks: a seek (restart, resume, a new assignment) cannot slip in before this batch commits.
    if (input.current && !input.current()) {
      await client.query("ROLLBACK");
      return { kind: "stale" };
    }
    const storedOffset = BigInt(stored.next_offset);
    if (input.expectedOffset !== undefined && storedOffset < input.expectedOffset) {
      await client.query("ROLLBACK");
      return { kind: "rewind", storedOffset };
    }
    // A stored offset beyond this fetch's end is no proof of a recreated topic (another worker may have written
    // what was produced after this fetch): the records below it are skipped, and the worker's end-offset check
    // (stored offsets read first, then the topic's end) is what detects a reset.
    // PostgreSQL's offsets rule: what is below the stored offset is in the table (or the dead letters) already.
    // A partition's records come in offset order, so the fresh ones are the ones from `first` on.
    let first = 0;
    while (first < records.length && records[first].offset < storedOffset) first++;
    if (first === records.length) {
      await client.query("ROLLBACK");
      return { kind: "written", nextOffset: storedOffset, rows: 0, deadLetters: 0, tombstones: 0, newFields: [] };
    }
    const deadLetter = (i: number, reason: string, error: string): DeadLetterInput => {
      const r = records[i];
      return { partition, offset: r.offsetText, key: r.key, value_base64: r.raw ? r.raw.toString("base64") : null, headers: r.headers, record_timestamp: r.timestamp, reason, error };
    };
    const dead = batch.dead.filter((d) => d.index >= first).map((d) => deadLetter(d.index, d.reason, d.error));
    const tombstones = batch.tombstones.filter((i) => i >= first).map((i) => ({ _partition: partition, _offset: records[i].offsetText, _timestamp: records[i].timestamp, _key: records[i].key }));
    let firstRow = 0;
    while (firstRow < batch.rowRecords.length && batch.rowRecords[firstRow] < first) firstRow++;
    const rowCount = batch.rowRecords.length - firstRow;
    let written = rowCount;
    if (rowCount > 0) {
      try {
        await copyLines(client, plan.copyRows, firstRow === 0 ? batch.rowText : batch.rowText.slice(batch.rowStarts[firstRow]));
      } catch (error) {
        if (!isRowError(error)) throw error;
        // One row the table refuses (a value out of range, say): find it row by row, the others still land.
        await client.query("ROLLBACK TO SAVEPOINT batch");
        written = 0;
        for (let j = firstRow; j < batch.rowRecords.length; j++) {
          await client.query("SAVEPOINT one");
          try {
            await copyLines(client, plan.copyRows, batch.rowText.slice(batch.rowStarts[j], batch.rowStarts[j + 1]));
            written++;
          } catch (rowError) {
            if (!isRowError(rowError)) throw rowError;
            await client.query("ROLLBACK TO SAVEPOINT one");
            dead.push(deadLetter(batch.rowRecords[j], "rejected_by_table", `The table refused the row: ${(rowError as Error).message}`));
          }
        }
      }
    }
    if (tombstones.length > 0 && plan.insertTombstones) await client.query(plan.insertTombstones, [JSON.stringify(tombstones)]);
    if (dead.length > 0) await insertDeadLetters(client, portId, topic, dead);
    const last = records[records.length - 1];
    const at = now();
    const dt = stored.last_write_at ? Math.max(0.001, (at.getTime() - stored.last_write_at.getTime()) / 1000) : 1;
    const alpha = 1 - Math.exp(-dt / TIME_CONSTANT_S);
    const rate = stored.last_write_at ? stored.rows_per_second + alpha * (written / dt - stored.rows_per_second) : written;
    const atText = pg.escapeLiteral(at.toISOString());
    await client.query(
      `UPDATE materialization_offset SET next_offset = ${last.offset + 1n}, topic = ${topicText}, end_offset = ${highWatermark}, end_offset_at = ${atText}, rows_written = rows_written + ${written},
         last_write_at = ${written > 0 ? atText : "last_write_at"}, last_record_at = ${pg.escapeLiteral(last.timestamp)}, rows_per_second = ${Number.isFinite(rate) ? rate : 0}
       WHERE port_id = ${port} AND partition = ${part};
       COMMIT`,
    );
    // After the commit: inside it, two partitions' batches (each holding the port's row FOR SHARE) that both met a new
    // field would each wait to update that row for the other, a deadlock. The list is what the port shows, not data.
    if (batch.newFields.length > 0) {
      await client.query(
        "UPDATE materialization SET fields_not_materialized = array(SELECT DISTINCT unnest(coalesce(fields_not_materialized, '{}') || $2::text[]) ORDER BY 1), updated_at = $3 WHERE port_id = $1",
        [portId, batch.newFields, at],
      );
    }
    return { kind: "written", nextOffset: last.offset + 1n, rows: written, deadLetters: dead.length, tombstones: tombstones.length, newFields: batch.newFields };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** One COPY … FROM STDIN of the given text (lines in COPY's text format); a row the table refuses fails it whole. */
async function copyLines(client: pg.ClientBase, sql: string, text: string): Promise<void> {
  const stream = client.query(copyFrom(sql));
  stream.end(text);
  await finished(stream);
}

export async function insertDeadLetters(client: pg.ClientBase, portId: string, topic: string, dead: DeadLetterInput[]): Promise<void> {
  await client.query(
    `INSERT INTO dead_letter (port_id, topic, partition, "offset", key, value_base64, headers, record_timestamp, reason, error, created_at)
     SELECT $1, $2, d.partition, d."offset", d.key, d.value_base64, d.headers, d.record_timestamp, d.reason, d.error, $4
     FROM json_to_recordset($3::json) AS d(partition integer, "offset" bigint, key text, value_base64 text, headers jsonb, record_timestamp timestamptz, reason text, error text)
     ON CONFLICT (port_id, partition, "offset") DO NOTHING`,
    [portId, topic, JSON.stringify(dead), now()],
  );
}

/** Marks a detected topic reset (once: the first detection's details stay until the operator restarts). */
export async function recordReset(client: pg.ClientBase, portId: string, partitions: { partition: number; storedOffset: number; endOffset: number }[]): Promise<boolean> {
  const { rowCount } = await client.query("UPDATE materialization SET reset_detected_at = $2, reset_details = $3::jsonb, updated_at = $2 WHERE port_id = $1 AND reset_detected_at IS NULL", [portId, now(), JSON.stringify(partitions)]);
  return rowCount === 1;
}
