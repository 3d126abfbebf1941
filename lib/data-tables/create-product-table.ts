import pg from "pg";
import { db, type Db, type Tx } from "@/lib/db";
import type { OdcsContract, SchemaObject } from "@/lib/contracts/contract-types";
import { conflict, MeshworkError, notFound } from "@/lib/errors";
import { dataPool, inDataTransaction, type Queryable } from "./data-database";
import { lockSchema } from "./lock-schema";
import { productTableColumns, type TableColumn } from "./product-table-columns";
import { MAX_IDENTIFIER_BYTES, parseTableLocation } from "./table-location";

export type ProductTable = {
  schema: string;
  table: string;
  /** `"schema"."table"`, quoted, for SQL. */
  qualifiedName: string;
  contractVersion: string;
  created: boolean;
  /** Columns of the contract the existing table lacked, added (nullable) this time. */
  addedColumns: string[];
  /** The contract's columns (then the stream's own), as the table now has them. */
  columns: TableColumn[];
  /**
   * Changes of the active contract the existing table cannot take without losing or refusing data (a type narrowed
   * or changed, a field made required, a required column gone from the contract), one sentence each; nothing of
   * them was applied. Widenings (smallint → integer → bigint, real → double precision, a wider numeric, required →
   * optional) are applied.
   */
  incompatible: string[];
  /** The primary key's columns, in order, when the contract declares one. */
  primaryKey: string[];
  /** `"schema"."<table>_latest"`, the newest row per key without tombstoned keys, when there is a primary key. */
  latestView: string | null;
};

/** Where a primary-keyed table's tombstones (records with a null value) go: `<table>_tombstones`. */
export const tombstoneTableName = (table: string) => `${table}_tombstones`;
export const latestViewName = (table: string) => `${table}_latest`;

const q = pg.escapeIdentifier;

/**
 * Creates a table port's table at its declared location `<schema>.<table>` in the data database, from the port's
 * active contract: one column per property of the contract's schema object (the one named like the table, else the
 * first), plus the stream's _partition/_offset (unique together), _timestamp and _key. Idempotent: run again it
 * creates nothing, and after a contract version that added properties it adds their columns. It never drops or
 * retypes a column (data stays readable; a breaking contract is a new major version for the owners to plan).
 * Called by the seed, provisioning and materialization, never on a person's behalf, so it checks no permissions.
 */
export async function createProductTable(portId: string, { data = dataPool(), client = db }: { data?: Queryable; client?: Db | Tx } = {}): Promise<ProductTable> {
  const port = await client.port.findUnique({
    where: { id: portId },
    select: {
      type: true,
      direction: true,
      name: true,
      location: true,
      dataProduct: { select: { urn: true } },
      contractVersions: { where: { status: "active" }, select: { version: true, document: true }, orderBy: { activatedAt: "desc" }, take: 1 },
    },
  });
  if (!port) throw notFound(`Port ${portId}`);
  if (port.type !== "table" || port.direction !== "output") throw new MeshworkError("validation_failed", `${port.dataProduct.urn}:${port.name} is not a table output port.`, [{ path: "port", message: "must be a table output port" }]);
  const { schema, table } = parseTableLocation(port.location);
  const active = port.contractVersions[0];
  if (!active) throw conflict(`${port.dataProduct.urn}:${port.name} has no active contract to create its table from.`);
  const columns = productTableColumns(tableObject(active.document as unknown as OdcsContract, schema, table));
  const qualifiedName = `${q(schema)}.${q(table)}`;
  const primaryKey = columns.filter((c) => c.primaryKeyPosition !== undefined).sort((a, b) => a.primaryKeyPosition! - b.primaryKeyPosition!).map((c) => c.name);
  for (const name of primaryKey.length > 0 ? [tombstoneTableName(table), latestViewName(table)] : []) {
    if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) throw new MeshworkError("validation_failed", `${schema}.${table} has a primary key, so Meshwork adds ${name}, which is longer than PostgreSQL's ${MAX_IDENTIFIER_BYTES} bytes: pick a shorter table name.`, [{ path: "location", message: "too long for its _latest view" }]);
  }
  const keyed = async (tx: pg.ClientBase) => (primaryKey.length > 0 ? createLatestView(tx, schema, table, primaryKey) : null);

  return inDataTransaction(data, async (tx) => {
    // Concurrent CREATE ... IF NOT EXISTS of one name can still collide in the catalog: one at a time per schema.
    await lockSchema(tx, schema);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    const existing = await tx.query<{ relkind: string; columns: string[] }>(
      `SELECT c.relkind::text, array(SELECT attname::text FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, table],
    );
    const result = { schema, table, qualifiedName, contractVersion: active.version, columns, primaryKey };
    if (existing.rowCount === 0) {
      const definitions = columns.map((c) => `${q(c.name)} ${c.type}${c.notNull ? " NOT NULL" : ""}`);
      await tx.query(`CREATE TABLE ${qualifiedName} (${[...definitions, `UNIQUE (_partition, _offset)`].join(", ")})`);
      await tx.query(`COMMENT ON TABLE ${qualifiedName} IS ${pg.escapeLiteral(`${port.dataProduct.urn}, port ${port.name}: created by Meshwork from contract ${active.version}`)}`);
      await describeColumns(tx, qualifiedName, columns);
      return { ...result, created: true, addedColumns: [], incompatible: [], latestView: await keyed(tx) };
    }
    if (!["r", "p"].includes(existing.rows[0].relkind)) throw conflict(`${schema}.${table} exists in the data database and is not a table.`);
    const { rows: present } = await tx.query<{ name: string; type: string; not_null: boolean }>(
      `SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS not_null FROM pg_attribute
       WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
      [qualifiedName],
    );
    const byName = new Map(present.map((c) => [c.name, c]));
    const incompatible: string[] = [];
    const widen: string[] = [];
    for (const c of columns) {
      const now = byName.get(c.name);
      if (!now) continue;
      if (now.type !== c.type) {
        if (isWidening(now.type, c.type)) widen.push(`ALTER TABLE ${qualifiedName} ALTER COLUMN ${q(c.name)} TYPE ${c.type}`);
        else incompatible.push(`${c.name} is ${now.type} in the table and ${c.type} in contract ${active.version}: the table cannot take that type change.`);
      }
      if (c.notNull && !now.not_null) incompatible.push(`${c.name} is required in contract ${active.version} but optional in the table, whose earlier rows may lack it.`);
      if (!c.notNull && now.not_null) widen.push(`ALTER TABLE ${qualifiedName} ALTER COLUMN ${q(c.name)} DROP NOT NULL`);
    }
    const wanted = new Set(columns.map((c) => c.name));
    for (const c of present) {
      if (!wanted.has(c.name) && c.not_null) incompatible.push(`${c.name} is required in the table but no longer in contract ${active.version}.`);
    }
    if (incompatible.length > 0) return { ...result, created: false, addedColumns: [], incompatible, latestView: null };
    for (const statement of widen) await tx.query(statement);
    const missing = columns.filter((c) => !byName.has(c.name));
    for (const c of missing) await tx.query(`ALTER TABLE ${qualifiedName} ADD COLUMN IF NOT EXISTS ${q(c.name)} ${c.type}`);
    await describeColumns(tx, qualifiedName, missing);
    return { ...result, created: false, addedColumns: missing.map((c) => c.name), incompatible: [], latestView: await keyed(tx) };
  });
}

const INTEGER_WIDTH: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };
const NUMERIC = /^numeric\((\d+),(\d+)\)$/;

/** Whether every value of type `from` fits `to` unchanged, so the column can be retyped in place. */
function isWidening(from: string, to: string): boolean {
  if (INTEGER_WIDTH[from] && INTEGER_WIDTH[to]) return INTEGER_WIDTH[to] > INTEGER_WIDTH[from];
  if (from === "real" && to === "double precision") return true;
  if (to === "numeric") return Boolean(INTEGER_WIDTH[from] || NUMERIC.test(from));
  const [a, b] = [NUMERIC.exec(from), NUMERIC.exec(to)];
  if (a && b) return Number(b[2]) >= Number(a[2]) && Number(b[1]) - Number(b[2]) >= Number(a[1]) - Number(a[2]);
  return false;
}

/**
 * The newest row per primary key, without keys whose latest record is a tombstone (a null value, kept in
 * `<table>_tombstones` by its _key): what a compacted topic holds, as a view over the append-only table.
 */
async function createLatestView(tx: pg.ClientBase, schema: string, table: string, primaryKey: string[]): Promise<string> {
  const rows = `${q(schema)}.${q(table)}`;
  const tombstones = `${q(schema)}.${q(tombstoneTableName(table))}`;
  const view = `${q(schema)}.${q(latestViewName(table))}`;
  const key = primaryKey.map((c) => `r.${q(c)}`).join(", ");
  await tx.query(`CREATE TABLE IF NOT EXISTS ${tombstones} (_partition integer NOT NULL, _offset bigint NOT NULL, _timestamp timestamp with time zone NOT NULL, _key text, UNIQUE (_partition, _offset))`);
  await tx.query(`CREATE INDEX IF NOT EXISTS ${q(`${tombstoneTableName(table)}_key`)} ON ${tombstones} (_key)`);
  await tx.query(`CREATE OR REPLACE VIEW ${view} AS
    SELECT DISTINCT ON (${key}) r.* FROM ${rows} r
    WHERE NOT EXISTS (
      SELECT 1 FROM ${tombstones} d WHERE d._key IS NOT DISTINCT FROM r._key
        AND (d._partition = r._partition AND d._offset > r._offset OR d._partition <> r._partition AND d._timestamp > r._timestamp))
    ORDER BY ${key}, r._timestamp DESC, r._offset DESC`);
  await tx.query(`COMMENT ON VIEW ${view} IS ${pg.escapeLiteral(`The newest row of ${schema}.${table} per ${primaryKey.join(", ")}; keys whose latest record is a tombstone are left out.`)}`);
  return view;
}

async function describeColumns(tx: pg.ClientBase, qualifiedName: string, columns: TableColumn[]) {
  for (const c of columns) {
    if (c.description) await tx.query(`COMMENT ON COLUMN ${qualifiedName}.${q(c.name)} IS ${pg.escapeLiteral(c.description)}`);
  }
}

export function tableObject(contract: OdcsContract, schema: string, table: string): SchemaObject {
  const objects = contract.schema ?? [];
  const names = [`${schema}.${table}`, table];
  const named = objects.find((o) => [o.physicalName, o.name].some((n) => n && names.includes(n.toLowerCase())));
  const object = named ?? objects[0];
  if (!object) throw conflict(`The active contract of ${schema}.${table} has no schema object to create the table from.`);
  return object;
}
