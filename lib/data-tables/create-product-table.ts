import pg from "pg";
import { db, type Db, type Tx } from "@/lib/db";
import type { OdcsContract, SchemaObject } from "@/lib/contracts/contract-types";
import { conflict, MeshworkError, notFound } from "@/lib/errors";
import { dataPool, inDataTransaction, type Queryable } from "./data-database";
import { lockSchema } from "./lock-schema";
import { productTableColumns, type TableColumn } from "./product-table-columns";
import { parseTableLocation } from "./table-location";

export type ProductTable = {
  schema: string;
  table: string;
  /** `"schema"."table"`, quoted, for SQL. */
  qualifiedName: string;
  contractVersion: string;
  created: boolean;
  /** Columns of the contract the existing table lacked, added (nullable) this time. */
  addedColumns: string[];
};

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

  return inDataTransaction(data, async (tx) => {
    // Concurrent CREATE ... IF NOT EXISTS of one name can still collide in the catalog: one at a time per schema.
    await lockSchema(tx, schema);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`);
    const existing = await tx.query<{ relkind: string; columns: string[] }>(
      `SELECT c.relkind::text, array(SELECT attname::text FROM pg_attribute WHERE attrelid = c.oid AND attnum > 0 AND NOT attisdropped) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, table],
    );
    const result = { schema, table, qualifiedName, contractVersion: active.version };
    if (existing.rowCount === 0) {
      const definitions = columns.map((c) => `${q(c.name)} ${c.type}${c.notNull ? " NOT NULL" : ""}`);
      await tx.query(`CREATE TABLE ${qualifiedName} (${[...definitions, `UNIQUE (_partition, _offset)`].join(", ")})`);
      await tx.query(`COMMENT ON TABLE ${qualifiedName} IS ${pg.escapeLiteral(`${port.dataProduct.urn}, port ${port.name}: created by Meshwork from contract ${active.version}`)}`);
      await describeColumns(tx, qualifiedName, columns);
      return { ...result, created: true, addedColumns: [] };
    }
    if (!["r", "p"].includes(existing.rows[0].relkind)) throw conflict(`${schema}.${table} exists in the data database and is not a table.`);
    const present = new Set(existing.rows[0].columns);
    const missing = columns.filter((c) => !present.has(c.name));
    for (const c of missing) await tx.query(`ALTER TABLE ${qualifiedName} ADD COLUMN IF NOT EXISTS ${q(c.name)} ${c.type}`);
    await describeColumns(tx, qualifiedName, missing);
    return { ...result, created: false, addedColumns: missing.map((c) => c.name) };
  });
}

async function describeColumns(tx: pg.ClientBase, qualifiedName: string, columns: TableColumn[]) {
  for (const c of columns) {
    if (c.description) await tx.query(`COMMENT ON COLUMN ${qualifiedName}.${q(c.name)} IS ${pg.escapeLiteral(c.description)}`);
  }
}

function tableObject(contract: OdcsContract, schema: string, table: string): SchemaObject {
  const objects = contract.schema ?? [];
  const names = [`${schema}.${table}`, table];
  const named = objects.find((o) => [o.physicalName, o.name].some((n) => n && names.includes(n.toLowerCase())));
  const object = named ?? objects[0];
  if (!object) throw conflict(`The active contract of ${schema}.${table} has no schema object to create the table from.`);
  return object;
}
