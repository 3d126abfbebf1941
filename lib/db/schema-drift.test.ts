import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { getDMMF } from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The SQL migrations are hand-written (the Prisma CLI cannot run its engine here), so this proves they
// produce exactly the tables, columns, types, nullability and enums that schema.prisma declares.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Json: "jsonb",
  DateTime: "timestamp without time zone",
};
const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid", Timestamptz: "timestamp with time zone", Date: "date", Text: "text" };

type Column = { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string };

let client: pg.Client;
let columns: Column[];
let dmmf: Awaited<ReturnType<typeof getDMMF>>;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  columns = (await client.query<Column>("SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'")).rows;
  const datamodel = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  dmmf = await getDMMF({ datamodel });
});
afterAll(() => client.end());

describe("the migrated database matches prisma/schema.prisma", () => {
  it("has exactly the tables of the models", () => {
    const tables = new Set(columns.map((c) => c.table_name).filter((t) => t !== "_prisma_migrations"));
    const models = new Set(dmmf.datamodel.models.map((m) => m.dbName ?? m.name));
    expect([...tables].sort()).toEqual([...models].sort());
  });

  it("has every field as a column of the right type and nullability, and no extra columns", () => {
    const problems: string[] = [];
    for (const model of dmmf.datamodel.models) {
      const table = model.dbName ?? model.name;
      const dbColumns = new Map(columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c]));
      const expected = new Set<string>();
      for (const field of model.fields) {
        if (field.kind === "object") continue;
        const name = field.dbName ?? field.name;
        expected.add(name);
        const col = dbColumns.get(name);
        if (!col) {
          problems.push(`${table}.${name}: missing`);
          continue;
        }
        const native = (field.nativeType as [string, string[]] | undefined)?.[0];
        const base = field.kind === "enum" ? "USER-DEFINED" : native ? NATIVE_TYPES[native] : SCALAR_TYPES[field.type];
        const actual = field.isList ? col.udt_name.replace(/^_/, "") : col.data_type === "USER-DEFINED" ? "USER-DEFINED" : col.data_type;
        const wanted = field.isList ? (field.kind === "enum" ? field.type : (base === "text" ? "text" : base)) : base;
        if (field.kind === "enum" && !field.isList && col.udt_name !== field.type) problems.push(`${table}.${name}: enum ${col.udt_name}, schema says ${field.type}`);
        if (actual !== wanted) problems.push(`${table}.${name}: ${actual}, schema says ${wanted}`);
        // Prisma creates list columns nullable; everything else follows the `?` in the schema.
        if (!field.isList && (col.is_nullable === "YES") !== !field.isRequired) problems.push(`${table}.${name}: nullable=${col.is_nullable}, schema says required=${field.isRequired}`);
      }
      const unsupported = [...datamodelUnsupported(model.name)];
      for (const name of dbColumns.keys()) if (!expected.has(name) && !unsupported.includes(name)) problems.push(`${table}.${name}: not in schema.prisma`);
    }
    expect(problems).toEqual([]);
  });

  it("has the enums with the schema's values", async () => {
    const rows = (await client.query<{ typname: string; labels: string[] }>("SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname")).rows;
    const db = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const schema = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
    expect(db).toEqual(schema);
  });
});

// Unsupported("...") fields (e.g. the tsvector) are not in the DMMF; read their column names from the schema text.
function datamodelUnsupported(modelName: string): string[] {
  const block = schemaText.split(/\nmodel /).find((b) => b.startsWith(`${modelName} `)) ?? "";
  return [...block.matchAll(/Unsupported\([^)]*\)\??\s+@map\("([^"]+)"\)/g)].map((m) => m[1]);
}
const schemaText = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
