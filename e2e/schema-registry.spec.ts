import { COMPATIBILITY, SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { Kafka, logLevel, Partitioners } from "kafkajs";
import { startMockKafkaCluster } from "../lib/kafka/start-mock-cluster";
import { createToken, descriptor, expect, signInApi, test, unique } from "./support/fixtures";

// Kafka serializers use Meshwork as their schema registry: the Confluent client registers schemas, gets stable
// ids, is refused incompatible ones, and values encoded with it travel through a real Kafka-protocol server.

const orderV1 = {
  type: "record",
  name: "OrderPlaced",
  namespace: "meshwork.e2e",
  fields: [
    { name: "order_id", type: "string" },
    { name: "amount", type: "double" },
  ],
};

test("the Confluent client registers, encodes and decodes through Meshwork, and a Kafka round trip works", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const token = await createToken(owner);
  const product = descriptor("orders", "order-platform", unique("Registry Orders"));
  const created = await owner.post("/api/v1/data-products", { data: product });
  expect(created.status()).toBe(201);
  const topic = (product.outputPorts[0] as { topic: string }).topic;
  const jsonTopic = `${topic}-json`;

  const registry = new SchemaRegistry({ host: `${baseURL}/api/schema-registry`, auth: { username: "olivia", password: token } });

  const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV1) }, { subject: `${topic}-value` });
  const again = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV1, null, 2) }, { subject: `${topic}-value` });
  expect(again.id).toBe(id);
  expect(await registry.getLatestSchemaId(`${topic}-value`)).toBe(id);

  const jsonSchema = { type: "object", properties: { order_id: { type: "string" }, amount: { type: "number" } }, required: ["order_id", "amount"], additionalProperties: false };
  // A subject of no port belongs to the admins; the owner's JSON schema goes on another subject they are not refused.
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, "admin@meshwork.dev");
  const adminRegistry = new SchemaRegistry({ host: `${baseURL}/api/schema-registry`, auth: { username: "admin", password: await createToken(admin) } });
  const json = await adminRegistry.register({ type: SchemaType.JSON, schema: JSON.stringify(jsonSchema) }, { subject: `${jsonTopic}-value`, compatibility: COMPATIBILITY.BACKWARD });
  expect(json.id).not.toBe(id);
  const jsonEncoded = await adminRegistry.encode(json.id, { order_id: "o-1", amount: 12.5 });
  expect(await adminRegistry.decode(jsonEncoded)).toEqual({ order_id: "o-1", amount: 12.5 });

  // Changing a field's type breaks BACKWARD compatibility: refused with 409.
  const incompatible = { ...orderV1, fields: [{ name: "order_id", type: "string" }, { name: "amount", type: "string" }] };
  await expect(registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(incompatible) }, { subject: `${topic}-value` })).rejects.toMatchObject({ status: 409 });

  const cluster = await startMockKafkaCluster({ brokers: 1, topics: [{ name: topic, partitions: 1 }] });
  try {
    const kafka = new Kafka({ clientId: "e2e", brokers: cluster.brokers, logLevel: logLevel.ERROR });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const values = [{ order_id: "o-1", amount: 10 }, { order_id: "o-2", amount: 20.5 }, { order_id: "o-3", amount: 7.25 }];
    await producer.send({ topic, messages: await Promise.all(values.map(async (v) => ({ key: v.order_id, value: await registry.encode(id, v) }))) });
    await producer.disconnect();

    // A separate client (fresh cache) decodes by fetching the schema by id from Meshwork.
    const reader = new SchemaRegistry({ host: `${baseURL}/api/schema-registry`, auth: { username: "reader", password: token } });
    const consumer = kafka.consumer({ groupId: unique("e2e-reader"), sessionTimeout: 2_500, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const decoded: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for messages")), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          decoded.push(await reader.decode(message.value!));
          if (decoded.length === values.length) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(decoded).toEqual(values);
  } finally {
    await cluster.stop();
  }
});

test("registry writes need the owning team; a wrong token gets 401 in Confluent's format", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const product = descriptor("orders", "order-platform", unique("Registry Guard"));
  await owner.post("/api/v1/data-products", { data: product });
  const subject = `${(product.outputPorts[0] as { topic: string }).topic}-value`;

  const outsider = await playwright.request.newContext({ baseURL });
  await signInApi(outsider, "paul@meshwork.dev");
  const outsiderToken = await createToken(outsider);
  const basic = (t: string) => `Basic ${Buffer.from(`ci:${t}`).toString("base64")}`;
  const refused = await outsider.post(`/api/schema-registry/subjects/${subject}/versions`, {
    headers: { authorization: basic(outsiderToken), "content-type": "application/vnd.schemaregistry.v1+json" },
    data: { schema: JSON.stringify(orderV1) },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error_code).toBe(40301);

  const wrong = await outsider.get("/api/schema-registry/subjects", { headers: { authorization: basic("mw_wrong") } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toMatchObject({ error_code: 401 });
  expect(wrong.headers()["content-type"]).toContain("application/vnd.schemaregistry.v1+json");

  const missing = await outsider.get(`/api/schema-registry/subjects/no-such-subject-value/versions`, { headers: { authorization: basic(outsiderToken) } });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error_code).toBe(40401);
  const badVersion = await outsider.get(`/api/schema-registry/subjects/${subject}/versions/abc`, { headers: { authorization: basic(outsiderToken) } });
  expect((await badVersion.json()).error_code).toBe(42202);
  const noSchema = await outsider.get(`/api/schema-registry/schemas/ids/999999`, { headers: { authorization: basic(outsiderToken) } });
  expect((await noSchema.json()).error_code).toBe(40403);
  const oversized = await outsider.post(`/api/schema-registry/subjects/${subject}`, { headers: { authorization: basic(outsiderToken) }, data: { schema: "x".repeat(2_000_000) } });
  expect(oversized.status()).toBe(413);
  expect((await oversized.json()).error_code).toBe(413);
});

test("the dedicated registry listener serves the same API for serializers", async ({ playwright, baseURL }) => {
  const registryUrl = `http://localhost:${Number(new URL(baseURL!).port) + 1}`;
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const token = await createToken(owner);
  const product = descriptor("orders", "order-platform", unique("Listener Orders"));
  await owner.post("/api/v1/data-products", { data: product });
  const subject = `${(product.outputPorts[0] as { topic: string }).topic}-value`;

  const registry = new SchemaRegistry({ host: registryUrl, auth: { username: "olivia", password: token } });
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(orderV1) }, { subject });
  // The web app's registry API sees the same schema under the same id.
  const viaWebApp = new SchemaRegistry({ host: `${baseURL}/api/schema-registry`, auth: { username: "olivia", password: token } });
  expect(await viaWebApp.getLatestSchemaId(subject)).toBe(id);
  const encoded = await registry.encode(id, { order_id: "o-9", amount: 9.5 });
  expect(await viaWebApp.decode(encoded)).toEqual({ order_id: "o-9", amount: 9.5 });
  const unauthorized = await owner.get(`${registryUrl}/subjects`, { headers: { authorization: "Basic bm9ib2R5Om13X3dyb25n" } });
  expect(unauthorized.status()).toBe(401);
});
