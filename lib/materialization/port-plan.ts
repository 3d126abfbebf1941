import pg from "pg";
import type { ProductTable } from "@/lib/data-tables/create-product-table";
import { latestViewName, tombstoneTableName } from "@/lib/data-tables/create-product-table";
import { SYSTEM_COLUMNS, type TableColumn } from "@/lib/data-tables/product-table-columns";
import { CopyWriter, writeBoolean, writeDate, writeDateText, writeFloat4, writeFloat8, writeInteger, writeNumericText, writeTimeMillis, writeTimeText, writeTimestamp, writeTimestampText } from "./copy-binary";

const q = pg.escapeIdentifier;
const SYSTEM = new Set(SYSTEM_COLUMNS.map((c) => c.name));

type Kind = "text" | "integer" | "number" | "boolean" | "date" | "timestamp" | "time" | "json";

export type PlannedColumn = {
  name: string;
  /** A numeric column (exact decimals; not real or double precision). */
  numeric: boolean;
  notNull: boolean;
  kind: Kind;
  keys: string[];
  encode: CopyEncoder;
  missing: RowFailure;
  typeName: string;
};

/** Why a record goes to the dead letters instead of the table. */
export type RowFailure = { reason: "missing_field" | "wrong_type"; error: string };

/** What a record carried besides the stream's own columns: the row, or why it goes to the dead letters. */
export type RowOutcome = { row: Record<string, unknown> } | RowFailure;

export type RecordMeta = { partition: number; offset: string; timestamp: string; key: string | null };
/** A COPY row's stream columns: the record's timestamp as Unix milliseconds. */
export type CopyMeta = { partition: number; offset: string; timestampMs: number; key: string | null };

function kindOf(type: string): Kind {
  if (/^(smallint|integer|bigint)$/.test(type)) return "integer";
  if (/^(numeric|real|double precision)/.test(type)) return "number";
  if (type === "boolean") return "boolean";
  if (type === "date") return "date";
  if (type.startsWith("timestamp")) return "timestamp";
  if (type.startsWith("time")) return "time";
  if (type === "jsonb") return "json";
  return "text";
}

const NUMERIC_TEXT = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const DAY_MS = 86_400_000;

/** The value for the column's type (as COPY's text and json_populate_recordset both take it), or undefined when the type is wrong. */
function convert(kind: Kind, value: unknown): unknown {
  switch (kind) {
    case "text":
      return typeof value === "string" ? value : undefined;
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : typeof value === "bigint" ? value.toString() : undefined;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && NUMERIC_TEXT.test(value) ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
    case "timestamp":
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
      if (typeof value === "number" && Number.isFinite(value)) return isoFromMillis(value);
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : undefined;
    case "date":
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (typeof value === "number" && Number.isInteger(value)) return new Date(value * DAY_MS).toISOString().slice(0, 10);
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    case "time":
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < DAY_MS) return new Date(value).toISOString().slice(11, 23);
      return typeof value === "string" && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? value : undefined;
    case "json":
      return needsJsonbCopy(value) ? jsonbCopy(value) : value;
  }
}

// 0001-01-01 to 9999-12-31: the years the day text below has four digits for (others go through Date, or are refused).
const MIN_FAST_MS = -62_135_596_800_000;
const MAX_FAST_MS = 253_402_300_800_000;
const MAX_DATE_MS = 8.64e15;
let cachedDay = Number.NaN;
let cachedDayText = "";
// Two- and three-digit fields as text, made once (no String and padStart per field of every timestamp).
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, "0"));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/**
 * Epoch milliseconds as ISO 8601 text, as Date#toISOString writes it but without a Date per value (a stream's
 * timestamps mostly share their day); undefined for a value no Date can hold, which is the record's wrong type.
 */
export function isoFromMillis(ms: number): string | undefined {
  if (!Number.isInteger(ms) || ms < MIN_FAST_MS || ms >= MAX_FAST_MS) return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : undefined;
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${cachedDayText}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[sec]}.${THREE_DIGITS[rest - sec * 1000]}Z`;
}

/**
 * Nested values for jsonb: Buffers as base64, bigints as text, Dates as ISO; everything else as JSON has it. Unlike
 * lib/json-safe (a plain copy for Prisma and the browser), only what JSON.stringify would write wrong is changed: the
 * result is stringified for COPY or json_populate_recordset right away, so its prototypes do not matter.
 */
function jsonbCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonbCopy);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonbCopy(v)]));
}

/** Whether JSON.stringify would not write the value as jsonb wants it (most nested values need no copy). */
function needsJsonbCopy(value: unknown): boolean {
  if (typeof value === "bigint") return true;
  if (value === null || typeof value !== "object") return false;
  if (Buffer.isBuffer(value) || value instanceof Date) return true;
  if (Array.isArray(value)) return value.some(needsJsonbCopy);
  for (const k of Object.keys(value)) if (needsJsonbCopy((value as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * A present value as a binary COPY field of the column's PostgreSQL type, or false when the type is wrong: made once
 * per column (the column's type is not switched on again for every value).
 */
type CopyEncoder = (w: CopyWriter, value: unknown) => boolean;

function copyEncoder(type: string): CopyEncoder {
  const kind = kindOf(type);
  switch (kind) {
    case "text":
      return (w, value) => typeof value === "string" && (w.fieldText(value), true);
    case "integer": {
      const bytes = type === "smallint" ? 2 : type === "integer" ? 4 : 8;
      return (w, value) => writeInteger(w, bytes, value);
    }
    case "number": {
      if (type.startsWith("numeric")) return (w, value) => (typeof value === "number" ? Number.isFinite(value) && writeNumericText(w, String(value)) : typeof value === "string" && NUMERIC_TEXT.test(value) && writeNumericText(w, value));
      const write = type === "real" ? writeFloat4 : writeFloat8;
      return (w, value) => (typeof value === "number" ? write(w, value) : typeof value === "string" && NUMERIC_TEXT.test(value) && write(w, Number(value)));
    }
    case "boolean":
      return (w, value) => typeof value === "boolean" && (writeBoolean(w, value), true);
    case "timestamp":
      return (w, value) => (typeof value === "number" ? writeTimestamp(w, value) : typeof value === "string" ? writeTimestampText(w, value) : value instanceof Date && writeTimestamp(w, value.getTime()));
    case "date":
      return (w, value) => (typeof value === "number" ? writeDate(w, value) : typeof value === "string" ? writeDateText(w, value) : value instanceof Date && writeDate(w, Math.floor(value.getTime() / DAY_MS)));
    case "time":
      return (w, value) => (typeof value === "number" ? writeTimeMillis(w, value) : typeof value === "string" && writeTimeText(w, value));
    case "json":
      // jsonb's binary form: its format version (1), then the JSON text.
      return (w, value) => (w.fieldText(JSON.stringify(needsJsonbCopy(value) ? jsonbCopy(value) : value), 1), true);
  }
}

const describe = (value: unknown) => (value === null ? "null" : Buffer.isBuffer(value) ? "bytes" : Array.isArray(value) ? "an array" : value instanceof Date ? "a date" : typeof value === "string" ? `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `${typeof value} ${textOf(value).slice(0, 40)}`);

/**
 * A value as String writes it; for an avsc record that is its type's toString, which checks the record again and throws
 * for some that avsc decoded itself (a decimal on fixed, a decimal in a union with a string): then its JSON.
 */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(jsonbCopy(value)) ?? "";
  }
}

/**
 * How one table port's records become rows: which record field fills which column (the contract property's name or
 * its physicalName), the conversions for the column's type, and the SQL that writes a batch (COPY; an INSERT for replays).
 */
export class PortPlan {
  readonly columns: PlannedColumn[];
  readonly insertRows: string;
  /** Binary COPY of a batch's rows, written by writeCopyRow: the fastest way into PostgreSQL. */
  readonly copyRows: string;
  readonly insertTombstones: string | null;
  private readonly known: Set<string>;
  // The converted values of the record in hand, column by column (reused: one record at a time, no allocation).
  private readonly values: unknown[];

  constructor(readonly table: ProductTable) {
    this.columns = table.columns
      .filter((c: TableColumn) => !SYSTEM.has(c.name))
      .map((c) => {
        const kind = kindOf(c.type);
        const missing: RowFailure = { reason: "missing_field", error: `The record has no ${c.name}, which the table's contract requires.` };
        return { name: c.name, numeric: c.type.startsWith("numeric"), notNull: c.notNull, kind, keys: [...new Set([c.field ?? c.name, c.name])], encode: copyEncoder(c.type), missing, typeName: kind === "json" ? "JSON value" : kind };
      });
    this.known = new Set(this.columns.flatMap((c) => c.keys));
    const names = [...this.columns.map((c) => c.name), ...SYSTEM_COLUMNS.map((c) => c.name)].map(q).join(", ");
    // For a replay (inside a Prisma transaction, which cannot COPY): the rows as one JSON array, typed by the table's row type.
    this.insertRows = `INSERT INTO ${table.qualifiedName} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table.qualifiedName}, $1::json)`;
    this.copyRows = `COPY ${table.qualifiedName} (${names}) FROM STDIN WITH (FORMAT binary)`;
    this.values = new Array(this.columns.length);
    this.insertTombstones = table.primaryKey.length > 0 ? `INSERT INTO ${q(table.schema)}.${q(tombstoneTableName(table.table))} (_partition, _offset, _timestamp, _key) SELECT * FROM json_to_recordset($1::json) AS t(_partition integer, _offset bigint, _timestamp timestamptz, _key text)` : null;
  }

  get latestView(): string | null {
    return this.table.primaryKey.length > 0 ? `${this.table.schema}.${latestViewName(this.table.table)}` : null;
  }

  /** Fields of a record the table's contract lacks (not stored). */
  unknownFields(record: Record<string, unknown>): string[] {
    let unknown: string[] | undefined;
    for (const k of Object.keys(record)) if (!this.known.has(k)) (unknown ??= []).push(k);
    return unknown ?? NONE;
  }

  /** The row as json_populate_recordset takes it (a replay inside a Prisma transaction, which cannot COPY). */
  toRow(record: Record<string, unknown>, meta: RecordMeta): RowOutcome {
    const failure = this.convertRecord(record);
    if (failure) return failure;
    const row: Record<string, unknown> = { _partition: meta.partition, _offset: meta.offset, _timestamp: meta.timestamp, _key: meta.key };
    for (let i = 0; i < this.columns.length; i++) if (this.values[i] !== null) row[this.columns[i].name] = this.values[i];
    return { row };
  }

  /**
   * The row as binary COPY fields of `copyRows` (columns in the same order as the row's, then the stream's own), or why
   * it goes to the dead letters (then nothing of it stays written).
   */
  writeCopyRow(w: CopyWriter, record: Record<string, unknown>, meta: CopyMeta): RowFailure | null {
    const { columns } = this;
    const start = w.pos;
    this.writeFieldCount(w);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const { keys } = c;
      let value = fieldOf(record, keys[0]);
      if (value === undefined && keys.length > 1) value = fieldOf(record, keys[1]);
      if (value === undefined || value === null) {
        if (c.notNull) return failedRow(w, start, c.missing);
        w.null();
        continue;
      }
      if (!c.encode(w, value)) return failedRow(w, start, wrongType(c, value));
    }
    this.writeStreamFields(w, meta);
    return null;
  }

  /** A row's first two bytes: how many fields it has (the columns', then the stream's own). */
  writeFieldCount(w: CopyWriter) {
    w.ensure(2);
    w.int16(this.columns.length + SYSTEM_COLUMNS.length);
  }

  /** The row's last fields, the stream's own columns: partition, offset, timestamp and key. */
  writeStreamFields(w: CopyWriter, meta: CopyMeta) {
    w.fieldInt32(meta.partition);
    const { offset } = meta;
    if (offset.length < 16) w.fieldInt64(Number(offset));
    else writeInteger(w, 8, BigInt(offset));
    writeTimestamp(w, meta.timestampMs);
    if (meta.key === null) w.null();
    else w.fieldText(meta.key);
  }

  /** Fills `values` with the record's converted values (null where an optional field is absent), or says why it cannot. */
  private convertRecord(record: Record<string, unknown>): RowFailure | null {
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      let value: unknown = undefined;
      for (const k of c.keys) {
        const v = fieldOf(record, k);
        if (v !== undefined) {
          value = v;
          break;
        }
      }
      if (value === undefined || value === null) {
        if (c.notNull) return c.missing;
        this.values[i] = null;
        continue;
      }
      const converted = convert(c.kind, value);
      if (converted === undefined) return wrongType(c, value);
      this.values[i] = converted;
    }
    return null;
  }
}

const NONE: string[] = [];

/**
 * A field of the record, not what its prototype has: avsc's records inherit clone, compare, toString, … and every
 * object constructor and valueOf, which are no value of a column of that name (a writer schema without the field).
 */
const fieldOf = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

/** A row that cannot be written: what was written of it is taken back. */
export const failedRow = (w: CopyWriter, start: number, failure: RowFailure) => {
  w.pos = start;
  return failure;
};

export const wrongType = (c: PlannedColumn, value: unknown): RowFailure => ({ reason: "wrong_type", error: `${c.name} is ${describe(value)}, not a ${c.typeName} as the table's contract says.` });
