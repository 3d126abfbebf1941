import { finished } from "node:stream/promises";
import pg from "pg";
import type avro from "avsc";
import type { KafkaMessage } from "kafkajs";
import { from as copyFrom } from "pg-copy-streams";
import { now } from "@/lib/clock";
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, CopyWriter } from "./copy-binary";
import type { CopyMeta, PortPlan, RowFailure } from "./port-plan";
import { UNREAD, avroToCopy } from "./avro-to-copy";
import type { Decoded, RecordDecoder } from "./record-decoder";

/**
 * One partition's consumed records (their values decoded once for every table port of the topic, beside them), by
 * index, as parallel arrays rather than an object per record: what a batch keeps of a record from its fetch to its
 * transaction. The raw value and the headers are only read again for a dead letter.
 */
export type PreparedRecords = {
  /** The offset as Kafka's client gave it (text). */
  offsets: string[];
  /** The key as the row's _key (decoded when registry-encoded). */
  keys: (string | null)[];
  /** The record's timestamp as ISO text (records produced together share one string). */
  timestamps: string[];
  /** The raw value as it was on the topic (null: a tombstone). */
  values: (Buffer | null)[];
  /** The record's headers, null when it has none. */
  headers: (KafkaMessage["headers"] | null)[];
};

/** Whether a message carries any header, without an Object.keys array per message. */
export function hasHeaders(headers: KafkaMessage["headers"]): headers is NonNullable<KafkaMessage["headers"]> {
  for (const _ in headers) return true;
  return false;
}

const headersText = (headers: KafkaMessage["headers"] | null): Record<string, string> | null =>
  headers && hasHeaders(headers) ? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString("utf8") : String(v ?? "")])) : null;

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
const EMPTY = Buffer.alloc(0);

/**
 * One partition's records made ready for one table port, before any transaction: the rows as binary COPY, the
 * tombstones and the dead letters, each known by its record's index. Built in one pass right after decoding, so the
 * decoded values are garbage before the batch waits for PostgreSQL (kept, they outlive the young generation).
 */
export type ConvertedBatch = {
  records: PreparedRecords;
  /** Every row's binary COPY fields, in offset order, and where each starts in them (one more entry: the end). */
  rowBytes: Buffer;
  rowStarts: number[];
  /** The record index of each row. */
  rowRecords: number[];
  tombstones: number[];
  dead: { index: number; reason: string; error: string }[];
  /** Fields of the rows (not of dead letters: another topic's event tells nothing) the table's contract lacks. */
  newFields: string[];
  /** Fields of any decoded record (a dead letter's too) the table's contract lacks: the contract may have gained them since. */
  unknownFields: string[];
};

/**
 * The records' values as far as they are decoded: a value whose writer schema the decoder holds is only decoded when a
 * port's transcoder (avro-to-copy) cannot write it straight from its bytes, then once for every port of the topic.
 */
export type RecordValues = {
  /** Each value decoded (null: a tombstone), or undefined: not yet, its writer schema is schemaIds[i]. */
  decoded: (Decoded | null | undefined)[];
  schemaIds: number[];
  /** Decodes value i now (synchronously: its writer schema is fetched already) and keeps it in `decoded`. */
  decodeAt(i: number): Decoded;
  /** The avsc type of a writer schema held by the decoder. */
  writerType(id: number): avro.Type | undefined;
};

/** Values decoded already (the tests' records): nothing left to decode, no transcoder. */
export function decodedValues(decoded: (Decoded | null)[]): RecordValues {
  return {
    decoded,
    schemaIds: [],
    decodeAt: (i) => decoded[i] as Decoded,
    writerType: () => undefined,
  };
}

/**
 * One fetch's values as the ports' transcoders take them: a value whose writer schema the decoder holds already is
 * left undecoded; the others are decoded now (fetching their schema from the registry).
 */
export async function lazyValues(decode: RecordDecoder, values: (Buffer | null)[]): Promise<RecordValues> {
  const decoded: (Decoded | null | undefined)[] = new Array(values.length);
  const schemaIds: number[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    schemaIds[i] = value === null ? -1 : decode.readyId(value);
    if (value === null) decoded[i] = null;
    else if (schemaIds[i] < 0) decoded[i] = await decode(value);
  }
  return { decoded, schemaIds, decodeAt: (i) => (decoded[i] ??= decode(values[i] as Buffer) as Decoded), writerType: decode.writerType };
}

export function convertBatch(plan: PortPlan, partition: number, records: PreparedRecords, values: RecordValues, knownFields: Set<string>): ConvertedBatch {
  const batch: ConvertedBatch = { records, rowBytes: EMPTY, rowStarts: [], rowRecords: [], tombstones: [], dead: [], newFields: [], unknownFields: [] };
  const { offsets, keys, timestamps } = records;
  const { decoded, schemaIds } = values;
  const w = new CopyWriter(Math.max(1024, offsets.length * 96));
  let newFields: Set<string> | undefined;
  let unknownFields: Set<string> | undefined;
  // One meta object for the batch, filled per record (each row is made before the next record).
  const meta: CopyMeta = { partition, offset: "", timestampMs: 0, key: null };
  // Records produced together share one timestamp text: parsed once for a run of them.
  let lastTimestamp = "";
  for (let i = 0; i < offsets.length; i++) {
    meta.offset = offsets[i];
    if (timestamps[i] !== lastTimestamp) {
      lastTimestamp = timestamps[i];
      meta.timestampMs = Date.parse(lastTimestamp);
    }
    meta.key = keys[i];
    const start = w.pos;
    // Straight from the value's bytes when the port's transcoder can vouch for them; else decoded, as any other.
    const transcoder = decoded[i] === undefined ? avroToCopy(plan, schemaIds[i], values.writerType(schemaIds[i])) : null;
    const written = transcoder ? transcoder.write(w, records.values[i] as Buffer, meta) : UNREAD;
    let unknown: string[];
    let failure: RowFailure | null;
    if (written !== UNREAD) {
      unknown = transcoder!.unknownFields;
      failure = written;
    } else {
      // (null is a tombstone: decoded already.)
      const known = decoded[i];
      const d = known === undefined ? values.decodeAt(i) : known;
      if (d === null) {
        if (plan.insertTombstones) batch.tombstones.push(i);
        continue;
      }
      if (!d.ok) {
        batch.dead.push({ index: i, reason: d.reason, error: d.error });
        continue;
      }
      unknown = plan.unknownFields(d.value);
      failure = plan.writeCopyRow(w, d.value, meta);
    }
    // The record's fields the contract lacks that the port has not seen (most records have none: no Set is made).
    const fresh = freshFields(unknown, knownFields);
    if (fresh) for (const f of fresh) (unknownFields ??= new Set()).add(f);
    if (failure) {
      batch.dead.push({ index: i, reason: failure.reason, error: failure.error });
      continue;
    }
    batch.rowStarts.push(start);
    batch.rowRecords.push(i);
    if (fresh) for (const f of fresh) (newFields ??= new Set()).add(f);
  }
  batch.rowStarts.push(w.pos);
  batch.rowBytes = w.slice();
  if (newFields) batch.newFields = [...newFields];
  if (unknownFields) batch.unknownFields = [...unknownFields];
  return batch;
}

/** Of a record's fields the table's contract lacks, those the port has not seen yet (most records: none, no array). */
function freshFields(unknown: string[], knownFields: Set<string>): string[] | undefined {
  let fresh: string[] | undefined;
  for (const f of unknown) if (!knownFields.has(f)) (fresh ??= []).push(f);
  return fresh;
}

/**
 * Consecutive converted batches of one partition for one table port (made by the same plan) as one: their records,
 * rows, tombstones and dead letters in order, so one transaction writes what several fetches brought.
 */
export function mergeBatches(batches: ConvertedBatch[]): ConvertedBatch {
  if (batches.length === 1) return batches[0];
  // The per-record arrays by concat (native, one copy each) rather than a push per record.
  const parts = batches.map((b) => b.records);
  const records: PreparedRecords = {
    offsets: parts[0].offsets.concat(...parts.slice(1).map((r) => r.offsets)),
    keys: parts[0].keys.concat(...parts.slice(1).map((r) => r.keys)),
    timestamps: parts[0].timestamps.concat(...parts.slice(1).map((r) => r.timestamps)),
    values: parts[0].values.concat(...parts.slice(1).map((r) => r.values)),
    headers: parts[0].headers.concat(...parts.slice(1).map((r) => r.headers)),
  };
  const merged: ConvertedBatch = { records, rowBytes: EMPTY, rowStarts: [], rowRecords: [], tombstones: [], dead: [], newFields: [], unknownFields: [] };
  const newFields = new Set<string>();
  const unknownFields = new Set<string>();
  let recordBase = 0;
  let byteBase = 0;
  for (const b of batches) {
    for (let j = 0; j < b.rowRecords.length; j++) {
      merged.rowStarts.push(byteBase + b.rowStarts[j]);
      merged.rowRecords.push(recordBase + b.rowRecords[j]);
    }
    for (const i of b.tombstones) merged.tombstones.push(recordBase + i);
    for (const d of b.dead) merged.dead.push({ ...d, index: recordBase + d.index });
    for (const f of b.newFields) newFields.add(f);
    for (const f of b.unknownFields) unknownFields.add(f);
    recordBase += b.records.offsets.length;
    byteBase += b.rowBytes.length;
  }
  merged.rowStarts.push(byteBase);
  merged.rowBytes = Buffer.concat(batches.map((b) => b.rowBytes));
  merged.newFields = [...newFields];
  merged.unknownFields = [...unknownFields];
  return merged;
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
  const { offsets, keys, timestamps, values, headers } = batch.records;
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
    while (first < offsets.length && BigInt(offsets[first]) < storedOffset) first++;
    if (first === offsets.length) {
      await client.query("ROLLBACK");
      return { kind: "written", nextOffset: storedOffset, rows: 0, deadLetters: 0, tombstones: 0, newFields: [] };
    }
    const deadLetter = (i: number, reason: string, error: string): DeadLetterInput => {
      const value = values[i];
      return { partition, offset: offsets[i], key: keys[i], value_base64: value ? value.toString("base64") : null, headers: headersText(headers[i]), record_timestamp: timestamps[i], reason, error };
    };
    const dead = batch.dead.filter((d) => d.index >= first).map((d) => deadLetter(d.index, d.reason, d.error));
    const tombstones = batch.tombstones.filter((i) => i >= first).map((i) => ({ _partition: partition, _offset: offsets[i], _timestamp: timestamps[i], _key: keys[i] }));
    let firstRow = 0;
    while (firstRow < batch.rowRecords.length && batch.rowRecords[firstRow] < first) firstRow++;
    const rowCount = batch.rowRecords.length - firstRow;
    let written = rowCount;
    if (rowCount > 0) {
      try {
        await copyRows(client, plan.copyRows, firstRow === 0 ? batch.rowBytes : batch.rowBytes.subarray(batch.rowStarts[firstRow]));
      } catch (error) {
        if (!isRowError(error)) throw error;
        // One row the table refuses (a value out of range, say): find it row by row, the others still land.
        await client.query("ROLLBACK TO SAVEPOINT batch");
        written = 0;
        for (let j = firstRow; j < batch.rowRecords.length; j++) {
          await client.query("SAVEPOINT one");
          try {
            await copyRows(client, plan.copyRows, batch.rowBytes.subarray(batch.rowStarts[j], batch.rowStarts[j + 1]));
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
    const lastOffset = BigInt(offsets[offsets.length - 1]);
    const lastTimestamp = timestamps[offsets.length - 1];
    const at = now();
    const dt = stored.last_write_at ? Math.max(0.001, (at.getTime() - stored.last_write_at.getTime()) / 1000) : 1;
    const alpha = 1 - Math.exp(-dt / TIME_CONSTANT_S);
    const rate = stored.last_write_at ? stored.rows_per_second + alpha * (written / dt - stored.rows_per_second) : written;
    const atText = pg.escapeLiteral(at.toISOString());
    await client.query(
      `UPDATE materialization_offset SET next_offset = ${lastOffset + 1n}, topic = ${topicText}, end_offset = ${highWatermark}, end_offset_at = ${atText}, rows_written = rows_written + ${written},
         last_write_at = ${written > 0 ? atText : "last_write_at"}, last_record_at = ${pg.escapeLiteral(lastTimestamp)}, rows_per_second = ${Number.isFinite(rate) ? rate : 0}
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
    return { kind: "written", nextOffset: lastOffset + 1n, rows: written, deadLetters: dead.length, tombstones: tombstones.length, newFields: batch.newFields };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** One binary COPY … FROM STDIN of the given rows, framed by the format's header and trailer; a row the table refuses fails it whole. */
async function copyRows(client: pg.ClientBase, sql: string, rows: Buffer): Promise<void> {
  const stream = client.query(copyFrom(sql));
  stream.write(COPY_BINARY_HEADER);
  stream.write(rows);
  stream.end(COPY_BINARY_TRAILER);
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
