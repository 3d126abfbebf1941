import { SchemaRegistry } from "@kafkajs/confluent-schema-registry";
import { Partitioners, type Kafka, type Message, type Producer } from "kafkajs";
import { DEMO_TOPICS } from "./demo-topics";
import { DemoWorld, demoEvent, demoKey, type AvroRecordSchema } from "./demo-events";

export type BadRecordKind = "not-avro" | "unknown-schema-id" | "truncated" | "wrong-schema";

export type DemoProducerOptions = {
  kafka: Kafka;
  /** Meshwork's registry (the dedicated listener), e.g. http://localhost:8081. */
  registryUrl: string;
  /** The service identity's token: the producers read the registry as the service, like any serializer would. */
  serviceToken: string;
  /** Records per second per topic (default 2). */
  ratePerTopic?: number;
  /** Share of deliberately bad records (default 0.02): not Avro, an unknown schema id, truncated, a wrong schema. */
  badShare?: number;
  /** Share of good records with an invalid value for the quality checks (default 0.02). */
  invalidShare?: number;
  /** Only these topics (default: every demo topic of a product that is not retired). */
  topics?: string[];
  /** How long to wait for the registry to answer (default 120 s: the listener starts beside the producers). */
  registryTimeoutMs?: number;
  log?: (line: string) => void;
  random?: () => number;
};

export type DemoProducers = {
  /** Topics being written, with the value schema id each one's records are encoded with. */
  topics: { topic: string; schemaId: number }[];
  sent: { good: number; bad: number; tombstones: number };
  stop: () => Promise<void>;
};

type Target = { topic: string; product: string; schemaId: number; schema: AvroRecordSchema; carry: number };

const TICK_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchSchema(registryUrl: string, auth: string, id: number): Promise<AvroRecordSchema> {
  const response = await fetch(`${registryUrl}/schemas/ids/${id}`, { headers: { authorization: auth } });
  if (!response.ok) throw new Error(`GET /schemas/ids/${id} answered ${response.status}`);
  const body = (await response.json()) as { schema: string; schemaType?: string };
  if (body.schemaType && body.schemaType !== "AVRO") throw new Error(`schema ${id} is ${body.schemaType}; the demo producers write Avro`);
  return JSON.parse(body.schema) as AvroRecordSchema;
}

async function waitForRegistry(registryUrl: string, auth: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    const response = await fetch(`${registryUrl}/subjects`, { headers: { authorization: auth } }).catch((error: Error) => error);
    if (response instanceof Response && response.ok) return;
    last = response instanceof Response ? `HTTP ${response.status}` : response.message;
    if (response instanceof Response && response.status === 401) throw new Error(`the registry at ${registryUrl} refused the service token (401)`);
    await sleep(500);
  }
  throw new Error(`the registry at ${registryUrl} did not answer within ${timeoutMs} ms (${last})`);
}

/** A bad record of the given kind, made from a good one: each is something a broken producer really sends. */
export function badRecord(kind: BadRecordKind, good: Buffer, value: Record<string, unknown>, otherEncoded: Buffer | undefined): Buffer {
  switch (kind) {
    case "not-avro":
      // A producer that writes plain JSON to an Avro topic: no magic byte, no schema id.
      return Buffer.from(JSON.stringify(value));
    case "unknown-schema-id": {
      const bytes = Buffer.from(good);
      bytes.writeUInt32BE(0x7ffffff0, 1);
      return bytes;
    }
    case "truncated":
      return good.subarray(0, Math.max(6, Math.floor(good.length / 2)));
    case "wrong-schema":
      // Encoded with another topic's schema: it decodes, but lacks the fields this topic's table requires.
      return otherEncoded ?? Buffer.from(JSON.stringify(value));
  }
}

const BAD_KINDS: BadRecordKind[] = ["not-avro", "unknown-schema-id", "truncated", "wrong-schema"];

/**
 * Writes realistic, registry-encoded events to the demo topics at a steady rate, with a small share of bad records, until
 * stopped. Schemas are the ones Meshwork's registry serves for `<topic>-value` (looked up with the service token); a
 * topic without one is skipped and named in the log.
 */
export async function startDemoProducers(options: DemoProducerOptions): Promise<DemoProducers> {
  const log = options.log ?? (() => {});
  const rate = options.ratePerTopic ?? 2;
  const badShare = options.badShare ?? 0.02;
  const invalidShare = options.invalidShare ?? 0.02;
  const random = options.random ?? Math.random;
  const registryUrl = options.registryUrl.replace(/\/$/, "");
  const auth = `Basic ${Buffer.from(`meshwork-demo-producers:${options.serviceToken}`).toString("base64")}`;
  const registry = new SchemaRegistry({ host: registryUrl, auth: { username: "meshwork-demo-producers", password: options.serviceToken } });

  await waitForRegistry(registryUrl, auth, options.registryTimeoutMs ?? 120_000);
  const wanted = DEMO_TOPICS.filter((t) => (options.topics ? options.topics.includes(t.topic) : !t.retired));
  const targets: Target[] = [];
  const skipped: string[] = [];
  for (const t of wanted) {
    try {
      const schemaId = await registry.getLatestSchemaId(`${t.topic}-value`);
      targets.push({ topic: t.topic, product: t.product, schemaId, schema: await fetchSchema(registryUrl, auth, schemaId), carry: random() });
    } catch (error) {
      skipped.push(`${t.topic} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (skipped.length > 0) log(`no value schema in the registry, not producing to: ${skipped.join(", ")}`);
  if (targets.length === 0) throw new Error("none of the demo topics has a value schema in the registry");

  const world = new DemoWorld(random);
  const producer: Producer = options.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
  await producer.connect();
  const sent = { good: 0, bad: 0, tombstones: 0 };
  let lastError = 0;

  async function messagesFor(target: Target, count: number): Promise<Message[]> {
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) {
      const value = demoEvent(target.product, target.schema, world, invalidShare);
      const key = demoKey(target.schema, value);
      // A customer erased under GDPR: a tombstone on the compacted customers topic.
      if (target.product === "customers" && world.chance(0.01)) {
        messages.push({ key, value: null });
        sent.tombstones++;
        continue;
      }
      const good = await registry.encode(target.schemaId, value);
      if (world.chance(badShare)) {
        const kind = world.pick(BAD_KINDS);
        const other = targets.find((t) => t.topic !== target.topic && t.schema.fields[0]?.name !== target.schema.fields[0]?.name);
        const otherEncoded = kind === "wrong-schema" && other ? await registry.encode(other.schemaId, demoEvent(other.product, other.schema, world, 0)) : undefined;
        messages.push({ key, value: badRecord(kind, good, value, otherEncoded), headers: { "meshwork-demo-bad": kind } });
        sent.bad++;
      } else {
        messages.push({ key, value: good });
        sent.good++;
      }
    }
    return messages;
  }

  let stopped = false;
  let wake: (() => void) | undefined;
  const tick = async (elapsedMs: number) => {
    const topicMessages = [];
    for (const target of targets) {
      // The expected count for the time that passed, with jitter, carrying the fraction over: the rate holds steady.
      target.carry += rate * (elapsedMs / 1000) * (0.5 + random());
      const count = Math.floor(target.carry);
      target.carry -= count;
      if (count > 0) topicMessages.push({ topic: target.topic, messages: await messagesFor(target, count) });
    }
    if (topicMessages.length === 0) return;
    try {
      await producer.sendBatch({ topicMessages });
    } catch (error) {
      // A restarting cluster: keep going, say so at most once a minute.
      if (Date.now() - lastError > 60_000) log(`could not write to Kafka (retrying): ${error instanceof Error ? error.message : String(error)}`);
      lastError = Date.now();
    }
  };
  const loop = (async () => {
    let last = Date.now();
    while (!stopped) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - last)));
      });
      if (stopped) break;
      const now = Date.now();
      await tick(Math.min(now - last, 5_000)).catch((error: Error) => {
        if (Date.now() - lastError > 60_000) log(`could not make demo records: ${error.message}`);
        lastError = Date.now();
      });
      last = now;
    }
  })();
  log(`writing about ${rate} records/s to each of ${targets.length} topics (${Math.round(badShare * 100)}% bad records)`);

  let stopping: Promise<void> | undefined;
  return {
    topics: targets.map((t) => ({ topic: t.topic, schemaId: t.schemaId })),
    sent,
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        wake?.();
        await loop.catch(() => {});
        await producer.disconnect();
      })()),
  };
}
