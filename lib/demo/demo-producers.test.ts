import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createKafka } from "@/lib/kafka/kafka-client";
import type { MockKafkaCluster } from "@/lib/kafka/start-mock-cluster";
import { prepareTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DEMO_TOPICS } from "./demo-topics";
import { startDemoKafka } from "./start-demo-kafka";
import { startDemoProducers, type DemoProducers } from "./run-demo-producers";

// Issue 10: the start path's Kafka (librdkafka's mock cluster with every demo topic at its partition count) and the
// demo producers, which write registry-encoded events that decode with the Confluent client through Meshwork's
// registry, plus a share of bad records, with the service identity's token.

const ROOT = path.resolve(import.meta.dirname, "../..");
const registryPort = 20_000 + Math.floor(Math.random() * 20_000);
const registryUrl = `http://127.0.0.1:${registryPort}`;
const serviceToken = `mws_${randomBytes(24).toString("hex")}`;

let database: TestDatabase;
let db: Db;
let listener: ChildProcess;
let cluster: MockKafkaCluster;
let producers: DemoProducers | undefined;

async function waitForHealth(deadline: number) {
  while (Date.now() < deadline) {
    if (await fetch(`${registryUrl}/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the registry listener did not start");
}

beforeAll(async () => {
  database = await prepareTestDatabase("demokafka");
  process.env.DATABASE_URL = database.url;
  process.env.MESHWORK_SERVICE_TOKEN = serviceToken;
  delete (globalThis as { meshworkDb?: Db }).meshworkDb;
  ({ db } = await import("@/lib/db"));
  const { seedDemoMesh } = await import("@/prisma/seed");
  const [seeded, started] = await Promise.all([seedDemoMesh(), startDemoKafka()]);
  expect(seeded.seeded).toBe(true);
  cluster = started;
  listener = spawn("npx", ["tsx", "bin/registry-server.ts"], { cwd: ROOT, env: { ...process.env, REGISTRY_PORT: String(registryPort) }, stdio: "ignore", detached: true });
  await waitForHealth(Date.now() + 30_000);
}, 120_000);

afterAll(async () => {
  await producers?.stop();
  if (listener?.pid) process.kill(-listener.pid, "SIGTERM");
  await cluster?.stop();
  await db?.$disconnect();
  await database?.drop();
});

type Read = { topic: string; partition: number; value: Buffer | null; bad?: string };

async function readAll(topics: string[], expected: number): Promise<Read[]> {
  const consumer = createKafka({ brokers: cluster.brokers }).consumer({ groupId: `demo-reader-${randomUUID()}`, sessionTimeout: 2_500, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  const read: Read[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let done!: () => void;
    const enough = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        read.push({ topic, partition, value: message.value, bad: message.headers?.["meshwork-demo-bad"]?.toString() });
        if (read.length >= expected) done();
      },
    });
    await Promise.race([enough, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  } finally {
    await consumer.disconnect();
  }
  return read;
}

describe("the demo's Kafka and producers", () => {
  it("creates every demo topic with its partitions on the mock cluster", async () => {
    const admin = createKafka({ brokers: cluster.brokers }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: DEMO_TOPICS.map((t) => t.topic) });
      const partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
      expect(partitions).toEqual(Object.fromEntries(DEMO_TOPICS.map((t) => [t.topic, t.partitions])));
      expect(partitions["orders.order-events.v1"]).toBe(3);
    } finally {
      await admin.disconnect();
    }
  });

  it("writes registry-encoded events that decode through Meshwork's registry, and some bad records", async () => {
    producers = await startDemoProducers({ kafka: createKafka({ brokers: cluster.brokers }), registryUrl, serviceToken, ratePerTopic: 40, badShare: 0.1 });
    const written = producers.topics.map((t) => t.topic);
    // Every published or deprecated product's topic has a value schema; the retired one gets nothing.
    expect(written).toEqual(expect.arrayContaining(["orders.order-events.v1", "payments.payment-events.v1", "inventory.stock-movement-events.v1", "shipping.shipment-events.v1", "web-analytics.click-events.v1"]));
    expect(written).not.toContain(DEMO_TOPICS.find((t) => t.retired)?.topic);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await producers.stop();
    expect(producers.sent.good).toBeGreaterThan(written.length * 40);
    expect(producers.sent.bad).toBeGreaterThan(0);

    const topics = ["orders.order-events.v1", "payments.payment-events.v1", "inventory.stock-movement-events.v1"];
    const read = await readAll(topics, 200);
    expect(read.length).toBeGreaterThanOrEqual(200);
    expect(new Set(read.filter((r) => r.topic === "orders.order-events.v1").map((r) => r.partition)).size).toBe(3);

    // A fresh client, as a consumer elsewhere would: it fetches each writer schema by id from Meshwork.
    const reader = new SchemaRegistry({ host: registryUrl, auth: { username: "reader", password: serviceToken } });
    const good = read.filter((r) => !r.bad && r.value);
    const decoded = await Promise.all(good.map(async (r) => ({ topic: r.topic, value: (await reader.decode(r.value!)) as Record<string, unknown> })));
    const orders = decoded.filter((d) => d.topic === "orders.order-events.v1").map((d) => d.value);
    expect(orders.length).toBeGreaterThan(10);
    for (const order of orders) {
      expect(order.order_id).toMatch(/^O-\d{6}-/);
      expect(order.customer_id).toMatch(/^C-\d{6}$/);
      expect(typeof order.total_amount).toBe("number");
      expect(typeof order.placed_at).toBe("number");
    }
    expect(new Set(orders.map((o) => o.status))).toContain("placed");
    // Payments refer to orders that were placed.
    const orderIds = new Set(orders.map((o) => o.order_id));
    const payments = decoded.filter((d) => d.topic === "payments.payment-events.v1").map((d) => d.value);
    expect(payments.some((p) => orderIds.has(p.order_id))).toBe(true);

    const bad = read.filter((r) => r.bad);
    expect(bad.length).toBeGreaterThan(0);
    const fieldsOf = (topic: string) => Object.keys(decoded.find((d) => d.topic === topic)!.value).sort();
    for (const record of bad) {
      // Undecodable, or (a wrong schema) decodable but without the fields this topic's records have.
      const result = await reader.decode(record.value!).then((v: Record<string, unknown>) => v, () => undefined);
      if (record.bad === "wrong-schema") expect(Object.keys(result!).sort()).not.toEqual(fieldsOf(record.topic));
      else expect(result).toBeUndefined();
    }
  }, 90_000);
});
