import pg from "pg";
import type { ProductTable } from "@/lib/data-tables/create-product-table";
import { latestViewName, tombstoneTableName } from "@/lib/data-tables/create-product-table";
import { SYSTEM_COLUMNS, type TableColumn } from "@/lib/data-tables/product-table-columns";

const q = pg.escapeIdentifier;
const SYSTEM = new Set(SYSTEM_COLUMNS.map((c) => c.name));

type Kind = "text" | "integer" | "number" | "boolean" | "date" | "timestamp" | "time" | "json";

type PlannedColumn = { name: string; notNull: boolean; kind: Kind; keys: string[] };

/** What a record carried besides the stream's own columns: the row, or why it goes to the dead letters. */
export type RowOutcome = { row: Record<string, unknown> } | { reason: "missing_field" | "wrong_type"; error: string };

export type RecordMeta = { partition: number; offset: string; timestamp: string; key: string | null };

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

/** The value as PostgreSQL's json_populate_recordset takes it for the column's type, or undefined when the type is wrong. */
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
      if (typeof value === "number" && Number.isFinite(value)) return new Date(value).toISOString();
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? value : undefined;
    case "date":
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (typeof value === "number" && Number.isInteger(value)) return new Date(value * DAY_MS).toISOString().slice(0, 10);
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    case "time":
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < DAY_MS) return new Date(value).toISOString().slice(11, 23);
      return typeof value === "string" && /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? value : undefined;
    case "json":
      return jsonSafe(value);
  }
}

/** Nested values for jsonb: Buffers as base64, bigints as text, Dates as ISO; everything else as JSON has it. */
function jsonSafe(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? value.toString() : value;
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
}

const describe = (value: unknown) => (value === null ? "null" : Buffer.isBuffer(value) ? "bytes" : Array.isArray(value) ? "an array" : value instanceof Date ? "a date" : typeof value === "string" ? `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `${typeof value} ${String(value).slice(0, 40)}`);

/**
 * How one table port's records become rows: which record field fills which column (the contract property's name or
 * its physicalName), the conversions for the column's type, and the SQL that inserts a batch in one statement.
 */
export class PortPlan {
  readonly columns: PlannedColumn[];
  readonly insertRows: string;
  readonly insertTombstones: string | null;
  private readonly known: Set<string>;

  constructor(readonly table: ProductTable) {
    this.columns = table.columns
      .filter((c: TableColumn) => !SYSTEM.has(c.name))
      .map((c) => ({ name: c.name, notNull: c.notNull, kind: kindOf(c.type), keys: [...new Set([c.field ?? c.name, c.name])] }));
    this.known = new Set(this.columns.flatMap((c) => c.keys));
    const names = [...this.columns.map((c) => c.name), ...SYSTEM_COLUMNS.map((c) => c.name)].map(q).join(", ");
    // One statement per batch: the rows travel as one JSON array, typed by the table's own row type.
    this.insertRows = `INSERT INTO ${table.qualifiedName} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${table.qualifiedName}, $1::json)`;
    this.insertTombstones = table.primaryKey.length > 0 ? `INSERT INTO ${q(table.schema)}.${q(tombstoneTableName(table.table))} (_partition, _offset, _timestamp, _key) SELECT * FROM json_to_recordset($1::json) AS t(_partition integer, _offset bigint, _timestamp timestamptz, _key text)` : null;
  }

  get latestView(): string | null {
    return this.table.primaryKey.length > 0 ? `${this.table.schema}.${latestViewName(this.table.table)}` : null;
  }

  /** Fields of a record the table's contract lacks (not stored). */
  unknownFields(record: Record<string, unknown>): string[] {
    return Object.keys(record).filter((k) => !this.known.has(k));
  }

  toRow(record: Record<string, unknown>, meta: RecordMeta): RowOutcome {
    const row: Record<string, unknown> = { _partition: meta.partition, _offset: meta.offset, _timestamp: meta.timestamp, _key: meta.key };
    for (const c of this.columns) {
      let value: unknown = undefined;
      for (const k of c.keys) {
        if (record[k] !== undefined) {
          value = record[k];
          break;
        }
      }
      if (value === undefined || value === null) {
        if (c.notNull) return { reason: "missing_field", error: `The record has no ${c.name}, which the table's contract requires.` };
        continue;
      }
      const converted = convert(c.kind, value);
      if (converted === undefined) return { reason: "wrong_type", error: `${c.name} is ${describe(value)}, not a ${c.kind === "json" ? "JSON value" : c.kind} as the table's contract says.` };
      row[c.name] = converted;
    }
    return { row };
  }
}
