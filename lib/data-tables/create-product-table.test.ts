import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { ORDER_PROPERTIES, tableContractYaml, tablePortWithContract } from "@/lib/testing/table-port-fixture";
import { createProductTable } from "./create-product-table";
import { closeDataPool } from "./data-database";
import { parseTableLocation } from "./table-location";

let admin: Actor;
let client: pg.Client;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await closeDataPool();
});

async function columnsOf(schema: string, table: string) {
  const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string; numeric_precision: number | null; numeric_scale: number | null }>(
    "SELECT column_name, data_type, is_nullable, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
    [schema, table],
  );
  return rows.map((r) => `${r.column_name} ${r.data_type}${r.data_type === "numeric" ? `(${r.numeric_precision},${r.numeric_scale})` : ""}${r.is_nullable === "NO" ? " not null" : ""}`);
}

describe("createProductTable", () => {
  it("creates the table at the port's location from its active contract, with the stream's columns", async () => {
    const { port, schema } = await tablePortWithContract(admin);
    const result = await createProductTable(port.id);
    expect(result).toMatchObject({ schema, table: "orders", created: true, addedColumns: [], contractVersion: "1.0.0" });
    expect(await columnsOf(schema, "orders")).toEqual([
      "order_id text not null",
      "amount numeric(12,2) not null",
      "quantity integer",
      "placed_at timestamp with time zone",
      "shipping_address jsonb",
      "tags jsonb",
      "_partition integer not null",
      "_offset bigint not null",
      "_timestamp timestamp with time zone not null",
      "_key text",
    ]);
    // (_partition, _offset) is unique: a redelivered message cannot land twice.
    const insert = `INSERT INTO ${schema}.orders (order_id, amount, _partition, _offset, _timestamp) VALUES ('o1', 1.5, 0, 7, now())`;
    await client.query(insert);
    await expect(client.query(insert)).rejects.toMatchObject({ code: "23505" });
    const comment = await client.query<{ c: string }>("SELECT col_description($1::regclass, 1) AS c", [`${schema}.orders`]);
    expect(comment.rows[0].c).toBe("The order's id");
  });

  it("is idempotent, and adds the columns a later contract version introduced", async () => {
    const { port, schema, owner, location } = await tablePortWithContract(admin);
    await createProductTable(port.id);
    const again = await createProductTable(port.id);
    expect(again).toMatchObject({ created: false, addedColumns: [] });
    await client.query(`INSERT INTO ${schema}.orders (order_id, amount, _partition, _offset, _timestamp) VALUES ('o1', 1, 0, 1, now())`);
    const v2 = await submitContractVersion(owner, port.id, { contract: tableContractYaml(location, "1.1.0", [...ORDER_PROPERTIES, { name: "note", logicalType: "string", description: "Free text" }]) });
    expect(v2.status).toBe("active");
    const grown = await createProductTable(port.id);
    expect(grown).toMatchObject({ created: false, addedColumns: ["note"], contractVersion: "1.1.0" });
    expect(await columnsOf(schema, "orders")).toContain("note text");
    // The row written before is still there.
    expect((await client.query(`SELECT count(*)::int AS n FROM ${schema}.orders`)).rows[0].n).toBe(1);
  });

  it("creates the same table from concurrent calls without a catalog collision", async () => {
    const { port, schema } = await tablePortWithContract(admin);
    const results = await Promise.all(Array.from({ length: 5 }, () => createProductTable(port.id)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await columnsOf(schema, "orders")).length).toBe(ORDER_PROPERTIES.length + 4);
  });

  it("quotes names: a column named like SQL stays a column", async () => {
    const { port, schema } = await tablePortWithContract(admin, { properties: [{ name: 'x"; DROP TABLE app_user; --', logicalType: "string" }, { name: "Select", logicalType: "boolean" }] });
    await createProductTable(port.id);
    expect(await columnsOf(schema, "orders")).toEqual(expect.arrayContaining(['x"; DROP TABLE app_user; -- text', "Select boolean"]));
    expect(await db.user.count()).toBeGreaterThan(0);
  });

  it("refuses a port without an active contract, and a contract column named like a stream column", async () => {
    const bare = await tablePortWithContract(admin, { contract: false });
    await expectMeshworkError(createProductTable(bare.port.id), "conflict");
    const clash = await tablePortWithContract(admin, { properties: [{ name: "_offset", logicalType: "integer" }] });
    const error = await expectMeshworkError(createProductTable(clash.port.id), "validation_failed");
    expect(error.message).toMatch(/_offset is one of the columns Meshwork adds itself/);
    const exists = await client.query("SELECT to_regnamespace($1) AS s", [clash.schema]);
    expect(exists.rows[0].s).toBeNull();
  });

  it("refuses a topic port", async () => {
    const team = await tablePortWithContract(admin);
    const topic = await db.port.create({ data: { dataProductId: team.product.id, direction: "output", type: "kafka_topic", name: "events", location: `${team.schema}.events` } });
    await expectMeshworkError(createProductTable(topic.id), "validation_failed");
  });
});

describe("table locations", () => {
  it("refuses public, PostgreSQL's schemas, the job queue's and Meshwork's own, saying why", () => {
    const refused: [string, RegExp][] = [
      ["public.orders", /public schema holds Meshwork's own tables/],
      ["PUBLIC.orders", /public schema/],
      ["pg_catalog.orders", /pg_ are PostgreSQL's own/],
      ["pg_temp.orders", /pg_ are PostgreSQL's own/],
      ["information_schema.orders", /PostgreSQL's own/],
      ["graphile_worker.jobs", /job queue/],
    ];
    for (const [location, why] of refused) {
      expect(() => parseTableLocation(location), location).toThrow(why);
    }
    expect(() => parseTableLocation("meshwork.orders", "postgres://h/db?schema=meshwork")).toThrow(/meshwork holds Meshwork's own tables/);
  });

  it("wants <schema>.<table> and folds case as PostgreSQL does for unquoted names", () => {
    for (const bad of ["orders", "a.b.c", "", "analytics.", "analytics.or ders", `analytics.${"x".repeat(64)}`]) {
      expect(() => parseTableLocation(bad), bad).toThrow(/Table location/);
    }
    expect(parseTableLocation("Analytics.Orders")).toEqual({ schema: "analytics", table: "orders" });
  });
});
