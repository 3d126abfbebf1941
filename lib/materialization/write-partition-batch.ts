import type pg from "pg";
import { now } from "@/lib/clock";
import type { PortPlan } from "./port-plan";
import type { Decoded } from "./record-decoder";

/** One consumed record, decoded once for every table port of its topic. */
export type PreparedRecord = {
  offset: bigint;
  timestamp: string;
  key: string | null;
  /** The raw value as it was on the topic (null: a tombstone). */
  raw: Buffer | null;
  headers: Record<string, string> | null;
  decoded: Decoded | null;
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
 * Writes one partition's records for one table port, exactly once: in ONE transaction the rows, tombstones and dead
 * letters of the records at or above the stored offset, and the new stored offset. The port's state row is locked
 * shared (a restart, pause or resume waits for the batch) and the offset row for update (two workers that briefly
 * both hold the partition during a rebalance write it once: the second finds the offset moved and skips).
 */
export async function writePartitionBatch(
  client: pg.ClientBase,
  input: { portId: string; topic: string; partition: number; plan: PortPlan; records: PreparedRecord[]; highWatermark: bigint; expectedOffset?: bigint; knownFields: Set<string>; synchronousCommit?: boolean; current?: () => boolean },
): Promise<BatchOutcome> {
  const { portId, topic, partition, plan, records, highWatermark } = input;
  // Without waiting for the WAL flush: a PostgreSQL crash may lose the last batches, but rows and offsets together,
  // so they are consumed again; exactly once holds, and a commit no longer costs a disk flush (see the README's figures).
  await client.query(input.synchronousCommit === false ? "BEGIN; SET LOCAL synchronous_commit = off" : "BEGIN");
  try {
    const state = await client.query<{ paused: boolean; error: string | null; reset_detected_at: Date | null }>("SELECT paused, error, reset_detected_at FROM materialization WHERE port_id = $1 FOR SHARE", [portId]);
    const s = state.rows[0];
    if (!s || s.paused || s.error || s.reset_detected_at) {
      await client.query("ROLLBACK");
      return { kind: "inactive" };
    }
    // The partition's stored offset, locked for this transaction (the upsert locks the row it finds or creates).
    const { rows: [stored] } = await client.query<{ next_offset: string; last_write_at: Date | null; rows_per_second: number }>(
      `INSERT INTO materialization_offset AS o (port_id, partition, topic, next_offset) VALUES ($1, $2, $3, 0)
       ON CONFLICT (port_id, partition) DO UPDATE SET topic = o.topic RETURNING o.next_offset, o.last_write_at, o.rows_per_second`,
      [portId, partition, topic],
    );
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
    const fresh = records.filter((r) => r.offset >= storedOffset);
    if (fresh.length === 0) {
      await client.query("ROLLBACK");
      return { kind: "written", nextOffset: storedOffset, rows: 0, deadLetters: 0, tombstones: 0, newFields: [] };
    }
    const rows: Record<string, unknown>[] = [];
    const tombstones: { _partition: number; _offset: string; _timestamp: string; _key: string | null }[] = [];
    const dead: DeadLetterInput[] = [];
    const newFields = new Set<string>();
    const deadLetter = (r: PreparedRecord, reason: string, error: string): DeadLetterInput => ({
      partition,
      offset: r.offset.toString(),
      key: r.key,
      value_base64: r.raw ? r.raw.toString("base64") : null,
      headers: r.headers,
      record_timestamp: r.timestamp,
      reason,
      error,
    });
    for (const r of fresh) {
      const meta = { partition, offset: r.offset.toString(), timestamp: r.timestamp, key: r.key };
      if (r.decoded === null) {
        if (plan.insertTombstones) tombstones.push({ _partition: partition, _offset: meta.offset, _timestamp: r.timestamp, _key: r.key });
        continue;
      }
      if (!r.decoded.ok) {
        dead.push(deadLetter(r, r.decoded.reason, r.decoded.error));
        continue;
      }
      const outcome = plan.toRow(r.decoded.value, meta);
      if (!("row" in outcome)) {
        dead.push(deadLetter(r, outcome.reason, outcome.error));
        continue;
      }
      rows.push(outcome.row);
      // Only a record that became a row tells what the stream carries: a dead letter (another topic's event) does not.
      for (const f of plan.unknownFields(r.decoded.value)) if (!input.knownFields.has(f)) newFields.add(f);
    }
    let written = rows.length;
    if (rows.length > 0) {
      await client.query("SAVEPOINT batch");
      try {
        await client.query(plan.insertRows, [JSON.stringify(rows)]);
      } catch (error) {
        if (!isRowError(error)) throw error;
        // One row the table refuses (a value out of range, say): find it row by row, the others still land.
        await client.query("ROLLBACK TO SAVEPOINT batch");
        written = 0;
        for (const row of rows) {
          await client.query("SAVEPOINT one");
          try {
            await client.query(plan.insertRows, [JSON.stringify([row])]);
            written++;
          } catch (rowError) {
            if (!isRowError(rowError)) throw rowError;
            await client.query("ROLLBACK TO SAVEPOINT one");
            const r = fresh.find((x) => x.offset.toString() === row._offset)!;
            dead.push(deadLetter(r, "rejected_by_table", `The table refused the row: ${(rowError as Error).message}`));
          }
        }
      }
    }
    if (tombstones.length > 0 && plan.insertTombstones) await client.query(plan.insertTombstones, [JSON.stringify(tombstones)]);
    if (dead.length > 0) await insertDeadLetters(client, portId, topic, dead);
    const last = fresh[fresh.length - 1];
    const at = now();
    const dt = stored.last_write_at ? Math.max(0.001, (at.getTime() - stored.last_write_at.getTime()) / 1000) : 1;
    const alpha = 1 - Math.exp(-dt / TIME_CONSTANT_S);
    const rate = stored.last_write_at ? stored.rows_per_second + alpha * (written / dt - stored.rows_per_second) : written;
    await client.query(
      `UPDATE materialization_offset SET next_offset = $3, topic = $4, end_offset = $5, end_offset_at = $6, rows_written = rows_written + $7,
         last_write_at = CASE WHEN $7 > 0 THEN $6 ELSE last_write_at END, last_record_at = $8, rows_per_second = $9
       WHERE port_id = $1 AND partition = $2`,
      [portId, partition, (last.offset + 1n).toString(), topic, highWatermark.toString(), at, written, last.timestamp, rate],
    );
    if (newFields.size > 0) {
      await client.query(
        "UPDATE materialization SET fields_not_materialized = array(SELECT DISTINCT unnest(coalesce(fields_not_materialized, '{}') || $2::text[]) ORDER BY 1), updated_at = $3 WHERE port_id = $1",
        [portId, [...newFields], at],
      );
    }
    await client.query("COMMIT");
    return { kind: "written", nextOffset: last.offset + 1n, rows: written, deadLetters: dead.length, tombstones: tombstones.length, newFields: [...newFields] };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
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
