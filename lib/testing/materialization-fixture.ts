import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import YAML from "yaml";
import type { Kafka, Message } from "kafkajs";
import { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createServiceRegistryClient } from "@/lib/materialization/record-decoder";
import { createOwnedTeam, registerProduct } from "./fixtures";
import { tableContractYaml, uniqueSchema, type Property } from "./table-port-fixture";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The service token the tests' registry listener and workers share (set before either reads it). */
export const TEST_SERVICE_TOKEN = process.env.MESHWORK_SERVICE_TOKEN ?? `mws_test_${randomBytes(16).toString("hex")}`;
process.env.MESHWORK_SERVICE_TOKEN = TEST_SERVICE_TOKEN;

/** Meshwork's registry listener (bin/registry-server.ts) as its own process on a random port. */
export async function startRegistryListener(): Promise<{ url: string; stop: () => void }> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child: ChildProcess = spawn("npx", ["tsx", "bin/registry-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, REGISTRY_PORT: String(port), MESHWORK_SERVICE_TOKEN: TEST_SERVICE_TOKEN, NEXTAUTH_SECRET: "materialization-test-secret-0123456789" },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline) throw new Error("the registry listener did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.pid && process.kill(-child.pid, "SIGTERM") };
}

export const EVENT_PROPERTIES: Property[] = [
  { name: "order_id", logicalType: "string", required: true, primaryKey: true } as Property,
  { name: "amount", logicalType: "number", physicalType: "decimal(12,2)", required: true },
  { name: "quantity", logicalType: "integer", physicalType: "int" },
  { name: "placed_at", logicalType: "timestamp" },
  { name: "shipping_address", logicalType: "object", properties: [{ name: "city", logicalType: "string" }] },
];

function topicContract(urn: string, topic: string, version: string, properties: Property[]) {
  return YAML.stringify({ apiVersion: "v3.1.0", kind: "DataContract", id: `${urn}:events`, version, status: "active", schema: [{ name: "orders", physicalName: topic, logicalType: "object", properties }] });
}

/** A product with a topic port (`events`, on `topic`) and a table port (`rows`) materialized from it, both with active contracts. */
export async function materializedProduct(admin: Actor, { topic, topicProperties = EVENT_PROPERTIES, tableProperties = topicProperties, schema = uniqueSchema() }: { topic: string; topicProperties?: Property[]; tableProperties?: Property[]; schema?: string }) {
  const team = await createOwnedTeam(admin);
  const location = `${schema}.orders`;
  const product = await registerProduct(team.owner, {
    outputPorts: [
      { name: "events", type: "kafka_topic", topic },
      { name: "rows", type: "table", table: location, materializedFrom: "events" },
    ],
  });
  const ports = await db.port.findMany({ where: { dataProductId: product.id } });
  const topicPort = ports.find((p) => p.name === "events")!;
  const tablePort = ports.find((p) => p.name === "rows")!;
  const published = await submitContractVersion(team.owner, topicPort.id, { contract: topicContract(product.urn, topic, "1.0.0", topicProperties) });
  if (published.status !== "active") throw new Error(`the topic contract is ${published.status}`);
  const table = await submitContractVersion(team.owner, tablePort.id, { contract: tableContractYaml(location, "1.0.0", tableProperties) });
  if (table.status !== "active") throw new Error(`the table contract is ${table.status}`);
  return { ...team, product, topicPort, tablePort, topic, schema, location, qualified: `${schema}.orders`, publishTopicContract: (version: string, properties: Property[]) => submitContractVersion(team.owner, topicPort.id, { contract: topicContract(product.urn, topic, version, properties) }), publishTableContract: (version: string, properties: Property[]) => submitContractVersion(team.owner, tablePort.id, { contract: tableContractYaml(location, version, properties) }) };
}

/** A registry client as the producers use it: the service identity, decimals written from strings. */
export const producerRegistry = (url: string): SchemaRegistry => createServiceRegistryClient({ host: url, token: TEST_SERVICE_TOKEN });

export const order = (i: number, extra: Record<string, unknown> = {}) => ({ order_id: `o-${i}`, amount: `${i}.50`, quantity: i % 7, placed_at: 1_700_000_000_000 + i, shipping_address: { city: i % 2 ? "Lyon" : "Oslo" }, ...extra });

/** Produces records encoded with the latest `<topic>-value` schema, keyed by order id, spread over the partitions. */
export async function produceOrders(kafka: Kafka, registry: SchemaRegistry, topic: string, values: Record<string, unknown>[], { batch = 500 }: { batch?: number } = {}) {
  const id = await registry.getLatestSchemaId(`${topic}-value`);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < values.length; i += batch) {
      const messages: Message[] = await Promise.all(values.slice(i, i + batch).map(async (v) => ({ key: String(v.order_id), value: await registry.encode(id, v) })));
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
  return id;
}

export async function sendRaw(kafka: Kafka, topic: string, messages: Message[]) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

export async function until<T>(read: () => Promise<T | undefined | false | null>, timeoutMs = 30_000, what = "the condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
