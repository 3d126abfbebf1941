import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOwnedTeam, createUser, registerProduct, unique } from "@/lib/testing/fixtures";
import { uniqueSchema } from "@/lib/testing/table-port-fixture";
import { FRESH_CLUSTER_REASON, resetMaterializationsForFreshCluster } from "./reset-for-fresh-cluster";

// `npm start` with the embedded (empty) demo Kafka cluster: the stored offsets of the earlier cluster's stream would
// show "Topic reset detected" on every table port, so they, the rows and the reset flag go before the workers start.

const schemas: string[] = [];
afterAll(async () => {
  for (const s of schemas) await db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
});

async function tablePort() {
  const team = await createOwnedTeam(await createUser({ role: "admin" }));
  const schema = uniqueSchema();
  schemas.push(schema);
  const product = await registerProduct(team.owner, {
    outputPorts: [
      { name: "events", type: "kafka_topic", topic: `${unique("fresh")}.events` },
      { name: "rows", type: "table", table: `${schema}.orders`, materializedFrom: "events" },
    ],
  });
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "rows" } });
  return { port, schema, qualified: `"${schema}".orders`, topic: `${product.urn}:events` };
}

describe("resetMaterializationsForFreshCluster", () => {
  it("removes the stored offsets, the rows, the dead letters and the reset flag in one go, with an audit event", async () => {
    const { port, schema, qualified } = await tablePort();
    await db.$executeRawUnsafe(`CREATE SCHEMA "${schema}"`);
    await db.$executeRawUnsafe(`CREATE TABLE ${qualified} (order_id text, _partition int NOT NULL, _offset bigint NOT NULL, UNIQUE (_partition, _offset))`);
    await db.$executeRawUnsafe(`INSERT INTO ${qualified} SELECT 'o-' || i, i % 3, i / 3 FROM generate_series(0, 29) i`);
    await db.materializationOffset.createMany({ data: [0, 1, 2].map((partition) => ({ portId: port.id, partition, topic: "t", nextOffset: 10n, rowsWritten: 10n })) });
    await db.deadLetter.create({ data: { portId: port.id, topic: "t", partition: 0, offset: 10n, reason: "undecodable", error: "bad bytes" } });
    await db.materialization.create({ data: { portId: port.id, generation: 2, resetDetectedAt: new Date(), resetDetails: { partitions: [{ partition: 0, stored: 10, end: 0 }] }, paused: true, fieldsNotMaterialized: ["movement_id"] } });

    const result = await resetMaterializationsForFreshCluster({ portIds: [port.id] });

    expect(result).toEqual({ ports: 1, rows: 30, offsets: 3, deadLetters: 1 });
    expect(await db.materializationOffset.count({ where: { portId: port.id } })).toBe(0);
    expect(await db.deadLetter.count({ where: { portId: port.id } })).toBe(0);
    expect(Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${qualified}`))[0].n)).toBe(0);
    // The table keeps its columns; an owner's pause stays; workers see the new generation; the fields not materialized
    // are the new stream's to tell (an earlier worker's list, polluted by bad records, does not stay on the port).
    expect(await db.materialization.findUniqueOrThrow({ where: { portId: port.id } })).toMatchObject({ resetDetectedAt: null, resetDetails: null, generation: 3, paused: true, fieldsNotMaterialized: [] });
    const events = await db.auditEvent.findMany({ where: { entityId: port.id, action: "materialization.reset" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "port", actorId: null, actorLabel: "system" });
    expect(events[0].summary).toContain(FRESH_CLUSTER_REASON);
    expect(events[0].after).toMatchObject({ reason: FRESH_CLUSTER_REASON, generation: 3 });

    // A second start with nothing stored again changes nothing and writes no event.
    expect(await resetMaterializationsForFreshCluster({ portIds: [port.id] })).toEqual({ ports: 0, rows: 0, offsets: 0, deadLetters: 0 });
    expect(await db.auditEvent.count({ where: { entityId: port.id, action: "materialization.reset" } })).toBe(1);
  });

  it("leaves a port with no stored state (no table, no offsets, no materialization row) alone", async () => {
    const { port } = await tablePort();
    expect(await resetMaterializationsForFreshCluster({ portIds: [port.id] })).toEqual({ ports: 0, rows: 0, offsets: 0, deadLetters: 0 });
    expect(await db.materialization.findUnique({ where: { portId: port.id } })).toBeNull();
    expect(await db.auditEvent.count({ where: { entityId: port.id, action: "materialization.reset" } })).toBe(0);
  });

  it("clears a detected reset even when the earlier stream left no offsets or rows", async () => {
    const { port } = await tablePort();
    await db.materialization.create({ data: { portId: port.id, resetDetectedAt: new Date() } });
    expect(await resetMaterializationsForFreshCluster({ portIds: [port.id] })).toMatchObject({ ports: 1, rows: 0 });
    expect((await db.materialization.findUniqueOrThrow({ where: { portId: port.id } })).resetDetectedAt).toBeNull();
  });
});
