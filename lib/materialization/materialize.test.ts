import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kafka } from "kafkajs";
import type { Actor } from "@/lib/auth/actor";
import { setPortCompatibility } from "@/lib/contracts/set-port-compatibility";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { db } from "@/lib/db";
import { createKafka } from "@/lib/kafka/kafka-client";
import { startMockKafkaCluster, type MockKafkaCluster } from "@/lib/kafka/start-mock-cluster";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { EVENT_PROPERTIES, materializedProduct, order, produceOrders, producerRegistry, sendRaw, startRegistryListener, until } from "@/lib/testing/materialization-fixture";
import { getMaterializationStatus } from "./get-materialization-status";
import { inspectDeadLetter } from "./inspect-dead-letter";
import { listDeadLetters } from "./list-dead-letters";
import { pauseMaterialization } from "./pause-materialization";
import { replayDeadLetters } from "./replay-dead-letters";
import { restartMaterializationFromBeginning } from "./restart-materialization";
import { resumeMaterialization } from "./resume-materialization";
import { startMaterializer, type RunningMaterializer } from "./start-materializer";

const TOPICS = ["mat.count", "mat.poison", "mat.evolve", "mat.latest", "mat.pause", "mat.narrow", "mat.wrong-schema", "mat.stock", "mat.refused", "flaky.registry"];

let admin: Actor;
let cluster: MockKafkaCluster;
let kafka: Kafka;
let registry: ReturnType<typeof producerRegistry>;
let listener: Awaited<ReturnType<typeof startRegistryListener>>;
let materializer: RunningMaterializer;
let client: pg.Client;
const lines: string[] = [];

// 0 while the worker has not created the table yet.
const count = async (sql: string) => Number((await client.query<{ n: string }>(sql).catch((e: { code?: string }) => (e.code === "42P01" ? { rows: [{ n: "0" }] } : Promise.reject(e)))).rows[0].n);

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  [cluster, listener] = await Promise.all([startMockKafkaCluster({ topics: TOPICS.map((name) => ({ name, partitions: 3 })) }), startRegistryListener()]);
  kafka = createKafka({ brokers: cluster.brokers, clientId: "materialize-test" });
  registry = producerRegistry(listener.url);
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  materializer = await startMaterializer({ kafka, registry: producerRegistry(listener.url), log: (l) => lines.push(l), groupId: `test-${Date.now()}`, refreshMs: 200, sessionTimeoutMs: 6_000, topicFilter: /^mat\./ });
}, 90_000);

afterAll(async () => {
  if (process.env.MATERIALIZER_LOG) console.log(lines.join("\n"));
  await materializer?.stop();
  await client?.end();
  await cluster?.stop();
  listener?.stop();
  await closeDataPool();
});

describe("the materializer, against the mock cluster and PostgreSQL", () => {
  it("writes N registry-encoded records as exactly N rows, with their stream columns", async () => {
    const p = await materializedProduct(admin, { topic: "mat.count" });
    const n = 3_000;
    await produceOrders(kafka, registry, p.topic, Array.from({ length: n }, (_, i) => order(i)));
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) >= n, 60_000, `${n} rows`);
    await new Promise((r) => setTimeout(r, 500));
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified}`)).toBe(n);
    expect(await count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${p.qualified}`)).toBe(n);
    const { rows } = await client.query(`SELECT order_id, amount::text, quantity, placed_at, shipping_address, _key FROM ${p.qualified} WHERE order_id = 'o-7'`);
    expect(rows[0]).toMatchObject({ order_id: "o-7", amount: "7.50", quantity: 0, shipping_address: { city: "Lyon" }, _key: "o-7" });
    expect(rows[0].placed_at.getTime()).toBe(1_700_000_000_007);
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.lag.messages === 0 && s.rowsWritten === n ? s : null;
    }, 10_000, "status caught up");
    expect(status).toMatchObject({ state: "running", topic: "mat.count", table: p.location, rowsWritten: n, deadLetters: { total: 0 }, canOperate: true, fieldsNotMaterialized: [] });
    expect(status.partitions).toHaveLength(3);
    expect(status.partitions.every((x) => x.lagSeconds === 0)).toBe(true);
    expect(status.lastWriteAt).not.toBeNull();
    // A member of the team sees the status but may not operate it; a stranger does not see a draft product's port.
    expect((await getMaterializationStatus(p.member, p.tablePort.id)).canOperate).toBe(false);
    await expectMeshworkError(getMaterializationStatus(await createUser(), p.tablePort.id), "not_found");
  }, 90_000);

  it("reads a partition again from the stored offsets when the registry cannot be reached while its records are decoded: none skipped, none twice", async () => {
    const p = await materializedProduct(admin, { topic: "flaky.registry" });
    const real = producerRegistry(listener.url);
    let failures = 3;
    const flaky = { getSchema: (id: number) => (failures-- > 0 ? Promise.reject(new Error("the registry cannot be reached")) : real.getSchema(id)) } as unknown as typeof real;
    const logged: string[] = [];
    const own = await startMaterializer({ kafka, registry: flaky, log: (l) => logged.push(l), groupId: `flaky-${Date.now()}`, refreshMs: 200, sessionTimeoutMs: 6_000, topicFilter: /^flaky\./ });
    try {
      const n = 2_000;
      await produceOrders(kafka, registry, p.topic, Array.from({ length: n }, (_, i) => order(i)));
      await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) >= n, 60_000, `${n} rows`);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await count(`SELECT count(*) AS n FROM ${p.qualified}`)).toBe(n);
      expect(await count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${p.qualified}`)).toBe(n);
      expect(logged.some((l) => /the registry cannot be reached/.test(l))).toBe(true);
    } finally {
      await own.stop();
    }
  }, 90_000);

  it("sends poison records to the dead letters with their reason, materializes the records after them, and replays one after a fix", async () => {
    const topicProperties = [...EVENT_PROPERTIES, { name: "customer", logicalType: "string" }, { name: "note", logicalType: "string" }];
    const tableProperties = [...EVENT_PROPERTIES, { name: "customer", logicalType: "string", required: true }, { name: "note", logicalType: "integer" }];
    const p = await materializedProduct(admin, { topic: "mat.poison", topicProperties, tableProperties });
    const id = await produceOrders(kafka, registry, p.topic, [order(1, { customer: "c1" }), order(2, { customer: null }), order(3, { customer: "c3", note: "not a number" })]);
    await sendRaw(kafka, p.topic, [
      { key: "garbage", value: Buffer.from('{"order_id":"o-4"}'), headers: { source: "legacy-exporter" } },
      { key: "unknown", value: Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0x00]), Buffer.from("xx")]) },
    ]);
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 20 }, (_, i) => order(100 + i, { customer: "later" })));
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) >= 21, 30_000, "the good rows");
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.deadLetters.waiting === 4 ? s : null;
    }, 10_000, "4 dead letters");
    expect(status.state).toBe("running");
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified}`)).toBe(21);
    const { deadLetters } = await listDeadLetters(p.owner, p.tablePort.id);
    const byReason = Object.fromEntries(deadLetters.map((d) => [d.reason, d]));
    expect(Object.keys(byReason).sort()).toEqual(["missing_field", "undecodable", "unknown_schema", "wrong_type"]);
    expect(byReason.missing_field.error).toMatch(/no customer, which the table's contract requires/);
    expect(byReason.wrong_type.error).toMatch(/note is the text "not a number", not a integer/);
    expect(byReason.unknown_schema.error).toMatch(/Schema id 2147483392 is unknown/);
    expect(byReason.undecodable).toMatchObject({ key: "garbage", valueBase64: Buffer.from('{"order_id":"o-4"}').toString("base64") });
    // A dead letter keeps its record's headers as text; a record without headers has none.
    expect((await inspectDeadLetter(p.owner, p.tablePort.id, byReason.undecodable.id)).headers).toEqual({ source: "legacy-exporter" });
    expect((await inspectDeadLetter(p.owner, p.tablePort.id, byReason.unknown_schema.id)).headers).toBeNull();
    expect(Buffer.from(byReason.missing_field.valueBase64!, "base64").readInt32BE(1)).toBe(id);
    // Only the owners see the dead letters and replay them.
    await expectMeshworkError(listDeadLetters(p.member, p.tablePort.id), "forbidden");
    await expectMeshworkError(replayDeadLetters(p.member, p.tablePort.id, { ids: [byReason.missing_field.id] }), "forbidden");

    // Still failing: it stays, with the new error.
    const again = await replayDeadLetters(p.owner, p.tablePort.id, { ids: [byReason.missing_field.id] });
    expect(again).toMatchObject({ replayed: [], failed: [{ id: byReason.missing_field.id }] });
    // The fix: customer becomes optional in the table's contract; the replay moves the record into the table.
    const fixed = await p.publishTableContract("1.1.0", [...EVENT_PROPERTIES, { name: "customer", logicalType: "string" }, { name: "note", logicalType: "integer" }]);
    expect(fixed.status).toBe("active");
    // Two owners replay it at once: one moves it, the other is told it was replayed already.
    const [first, second] = await Promise.allSettled([p.owner, admin].map((who) => replayDeadLetters(who, p.tablePort.id, { ids: [byReason.missing_field.id] })));
    const [won, lost] = first.status === "fulfilled" ? [first, second] : [second, first];
    expect(won).toMatchObject({ status: "fulfilled", value: { replayed: [byReason.missing_field.id], failed: [] } });
    expect(lost).toMatchObject({ status: "rejected", reason: { code: "conflict", message: expect.stringContaining("was replayed already") } });
    const { rows } = await client.query(`SELECT order_id, customer, _offset::text FROM ${p.qualified} WHERE order_id = 'o-2'`);
    expect(rows).toEqual([{ order_id: "o-2", customer: null, _offset: byReason.missing_field.offset }]);
    const after = await getMaterializationStatus(p.owner, p.tablePort.id);
    expect(after.deadLetters).toMatchObject({ total: 4, waiting: 3 });
    await expectMeshworkError(replayDeadLetters(p.owner, p.tablePort.id, { ids: [byReason.missing_field.id] }), "conflict");
  }, 90_000);

  it("adds the column of a contract version's new optional field before its rows arrive; old and new records both land", async () => {
    const p = await materializedProduct(admin, { topic: "mat.evolve" });
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 10 }, (_, i) => order(i)));
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 10, 30_000, "10 rows");
    const withNote = [...EVENT_PROPERTIES, { name: "note", logicalType: "string", description: "Added in 1.1.0" }];
    expect((await p.publishTableContract("1.1.0", withNote)).status).toBe("active");
    expect((await p.publishTopicContract("1.1.0", withNote)).status).toBe("active");
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 10 }, (_, i) => order(10 + i, { note: `n${10 + i}` })));
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 20, 30_000, "20 rows");
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified} WHERE note IS NOT NULL`)).toBe(10);
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified} WHERE note IS NULL AND order_id IN ('o-0', 'o-9')`)).toBe(2);
    const status = await getMaterializationStatus(p.owner, p.tablePort.id);
    expect(status).toMatchObject({ contractVersion: "1.1.0", fieldsNotMaterialized: [], deadLetters: { total: 0 } });
  }, 90_000);

  it("stops a port whose new table contract narrows a type, with a clear error, writing nothing more", async () => {
    const props = [...EVENT_PROPERTIES.filter((x) => x.name !== "quantity"), { name: "quantity", logicalType: "integer", physicalType: "bigint" }];
    const p = await materializedProduct(admin, { topic: "mat.narrow", topicProperties: props });
    await produceOrders(kafka, registry, p.topic, [order(1)]);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 1, 30_000, "1 row");
    const narrowed = [...EVENT_PROPERTIES.filter((x) => x.name !== "quantity"), { name: "quantity", logicalType: "integer", physicalType: "smallint" }];
    // The owners let any change through the contract check; the table still cannot take it.
    await setPortCompatibility(p.owner, p.tablePort.id, { mode: "NONE" });
    const published = await p.publishTableContract("2.0.0", narrowed);
    expect(published.status).toBe("active");
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.state === "stopped" ? s : null;
    }, 15_000, "the port stopped");
    expect(status.error?.message).toMatch(/Contract 2\.0\.0 changes the table in a way it cannot take.*quantity is bigint in the table and smallint in contract 2\.0\.0/);
    await produceOrders(kafka, registry, p.topic, [order(2)]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified}`)).toBe(1);
  }, 90_000);

  it("keeps one row per primary key in <table>_latest and drops tombstoned keys; lists fields the table does not store", async () => {
    const tableProperties = EVENT_PROPERTIES.filter((x) => x.name !== "quantity");
    const p = await materializedProduct(admin, { topic: "mat.latest", tableProperties });
    await produceOrders(kafka, registry, p.topic, [order(1), order(2), order(3)]);
    await produceOrders(kafka, registry, p.topic, [order(1, { amount: "99.00" }), order(3, { amount: "33.00" })]);
    await sendRaw(kafka, p.topic, [{ key: "o-2", value: null }]);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 5, 30_000, "5 rows");
    const latest = `${p.schema}.orders_latest`;
    await until(async () => (await count(`SELECT count(*) AS n FROM ${latest}`)) === 2, 10_000, "the tombstone");
    const { rows } = await client.query(`SELECT order_id, amount::text FROM ${latest} ORDER BY order_id`);
    expect(rows).toEqual([
      { order_id: "o-1", amount: "99.00" },
      { order_id: "o-3", amount: "33.00" },
    ]);
    // A key that comes back after its tombstone is live again.
    await produceOrders(kafka, registry, p.topic, [order(2, { amount: "2.22" })]);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${latest}`)) === 3, 10_000, "o-2 back");
    const status = await getMaterializationStatus(p.owner, p.tablePort.id);
    expect(status.fieldsNotMaterialized).toEqual(["quantity"]);
    expect(await count(`SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = '${p.schema}' AND table_name = 'orders' AND column_name = 'quantity'`)).toBe(0);
  }, 90_000);

  it("sends a record written with another topic's schema to the dead letters, without listing its fields as fields not materialized", async () => {
    const p = await materializedProduct(admin, { topic: "mat.wrong-schema" });
    // The demo producers' "wrong-schema" bad record: it decodes (the registry knows the id) but is another stream's event.
    const stock = await materializedProduct(admin, { topic: "mat.stock", topicProperties: [{ name: "movement_id", logicalType: "string", required: true }, { name: "warehouse_id", logicalType: "string", required: true }] });
    const stockId = await registry.getLatestSchemaId(`${stock.topic}-value`);
    await produceOrders(kafka, registry, p.topic, [order(1), order(2)]);
    await sendRaw(kafka, p.topic, [{ key: "o-3", value: await registry.encode(stockId, { movement_id: "m-1", warehouse_id: "w-1" }) }]);
    await produceOrders(kafka, registry, p.topic, [order(4)]);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 3, 30_000, "the good rows");
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.deadLetters.waiting === 1 ? s : null;
    }, 10_000, "the dead letter");
    const { deadLetters } = await listDeadLetters(p.owner, p.tablePort.id);
    expect(deadLetters).toMatchObject([{ reason: "missing_field", key: "o-3" }]);
    expect(status.fieldsNotMaterialized).toEqual([]);
  }, 90_000);

  it("sends a row the table refuses to the dead letters, the rows of its batch around it still land once, with tabs, newlines and backslashes intact", async () => {
    const p = await materializedProduct(admin, { topic: "mat.refused" });
    // 15 digits before the point do not fit numeric(12,2): PostgreSQL refuses that row alone.
    const values = [order(1, { shipping_address: { city: "Tab\there, new\nline, back\\slash" } }), order(2, { amount: "123456789012345.00" }), order(3), order(4)];
    await produceOrders(kafka, registry, p.topic, values, { batch: 4 });
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 3, 30_000, "the 3 rows the table takes");
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.deadLetters.waiting === 1 && s.lag.messages === 0 ? s : null;
    }, 10_000, "the refused row's dead letter");
    expect(status.rowsWritten).toBe(3);
    const { deadLetters } = await listDeadLetters(p.owner, p.tablePort.id);
    expect(deadLetters).toMatchObject([{ reason: "rejected_by_table", key: "o-2" }]);
    expect(deadLetters[0].error).toMatch(/The table refused the row: .*numeric field overflow/);
    const { rows } = await client.query(`SELECT shipping_address->>'city' AS city FROM ${p.qualified} WHERE order_id = 'o-1'`);
    expect(rows).toEqual([{ city: "Tab\there, new\nline, back\\slash" }]);
    expect(await count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${p.qualified}`)).toBe(3);
  }, 90_000);

  it("pauses and resumes a port for its owners only; nothing is skipped", async () => {
    const p = await materializedProduct(admin, { topic: "mat.pause" });
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 5 }, (_, i) => order(i)));
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 5, 30_000, "5 rows");
    await expectMeshworkError(pauseMaterialization(p.member, p.tablePort.id), "forbidden");
    await expectMeshworkError(pauseMaterialization(await createUser(), p.tablePort.id), "not_found");
    // Two owners pause it at once: it is paused once, and audited once.
    const paused = await Promise.all([p.owner, admin].map((who) => pauseMaterialization(who, p.tablePort.id)));
    expect(paused.map((s) => s.state)).toEqual(["paused", "paused"]);
    expect(paused[0]).toMatchObject({ rowsPerSecond: 0 });
    expect(await db.auditEvent.count({ where: { entityId: p.tablePort.id, action: "materialization.pause" } })).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 50 }, (_, i) => order(5 + i)));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count(`SELECT count(*) AS n FROM ${p.qualified}`)).toBe(5);
    await expectMeshworkError(resumeMaterialization(p.member, p.tablePort.id), "forbidden");
    expect((await resumeMaterialization(p.owner, p.tablePort.id)).paused).toBe(false);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 55, 30_000, "55 rows");
    await new Promise((r) => setTimeout(r, 500));
    expect(await count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${p.qualified}`)).toBe(55);
    await expectMeshworkError(restartMaterializationFromBeginning(p.member, p.tablePort.id), "forbidden");

    // Two owners restart it from the beginning at once, each answering the status they saw: the table is emptied and
    // read again once; the other owner is told it was restarted meanwhile.
    const { generation } = await getMaterializationStatus(p.owner, p.tablePort.id);
    await expectMeshworkError(restartMaterializationFromBeginning(p.owner, p.tablePort.id, { generation: "latest" }), "validation_failed");
    const restarts = await Promise.allSettled([p.owner, admin].map((who) => restartMaterializationFromBeginning(who, p.tablePort.id, { generation })));
    expect(restarts.filter((r) => r.status === "fulfilled")).toMatchObject([{ value: { generation: generation + 1 } }]);
    expect(restarts.filter((r) => r.status === "rejected")).toMatchObject([{ reason: { code: "conflict", message: expect.stringContaining("was restarted meanwhile") } }]);
    await until(async () => (await count(`SELECT count(*) AS n FROM ${p.qualified}`)) === 55, 30_000, "55 rows read again");
    expect(await count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${p.qualified}`)).toBe(55);
  }, 90_000);
});
