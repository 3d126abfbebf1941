import { randomUUID } from "node:crypto";
import { Kafka, logLevel, Partitioners, type Consumer, type Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockKafkaCluster, type MockKafkaCluster } from "./start-mock-cluster";

type Received = { partition: number; offset: number; value: string };

const topic = `orders-${randomUUID().slice(0, 8)}`;
const groupId = `orders-reader-${randomUUID().slice(0, 8)}`;

let cluster: MockKafkaCluster;
let kafka: Kafka;
let producer: Producer;

beforeAll(async () => {
  cluster = await startMockKafkaCluster({ brokers: 3, topics: [{ name: topic, partitions: 3 }] });
  kafka = new Kafka({ clientId: "mock-cluster-test", brokers: cluster.brokers, logLevel: logLevel.ERROR });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await cluster?.stop();
});

async function produce(from: number, to: number) {
  const messages = [];
  for (let i = from; i < to; i++) messages.push({ partition: i % 3, key: `order-${i}`, value: String(i) });
  await producer.send({ topic, messages });
}

// Runs a group consumer until `count` messages arrived, commits what it read, then waits a moment for stray duplicates.
async function consume(count: number): Promise<Received[]> {
  // The mock holds a JoinGroup for (sessionTimeout - 1 s) after a member left, so keep the session short.
  const consumer: Consumer = kafka.consumer({
    groupId,
    sessionTimeout: 2_500,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 100,
    allowAutoTopicCreation: false,
  });
  const received: Received[] = [];
  let done!: () => void;
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, offset: Number(message.offset), value: message.value!.toString() });
        if (received.length === count) done();
      },
    });
    await allReceived;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lastOffsets = new Map<number, number>();
    for (const { partition, offset } of received) lastOffsets.set(partition, offset);
    await consumer.commitOffsets(
      [...lastOffsets].map(([partition, offset]) => ({ topic, partition, offset: String(offset + 1) })),
    );
  } finally {
    await consumer.disconnect();
  }
  return received;
}

function valuesByPartition(received: Received[]): Record<number, number[]> {
  const byPartition: Record<number, number[]> = {};
  for (const { partition, value } of received) (byPartition[partition] ??= []).push(Number(value));
  return byPartition;
}

function expectedByPartition(from: number, to: number): Record<number, number[]> {
  const expected: Record<number, number[]> = { 0: [], 1: [], 2: [] };
  for (let i = from; i < to; i++) expected[i % 3].push(i);
  return expected;
}

describe("startMockKafkaCluster", () => {
  it("serves produce, group consume and offset commits, and a restarted group resumes", async () => {
    expect(cluster.brokers).toHaveLength(3);
    for (const broker of cluster.brokers) expect(broker).toMatch(/^127\.0\.0\.1:\d+$/);

    await produce(0, 100);
    const first = await consume(100);
    expect(first).toHaveLength(100);
    expect(valuesByPartition(first)).toEqual(expectedByPartition(0, 100));

    const admin = kafka.admin();
    await admin.connect();
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(committed[0].partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual([
      "34",
      "33",
      "33",
    ]);

    await produce(100, 130);
    const second = await consume(30);
    expect(second).toHaveLength(30);
    expect(valuesByPartition(second)).toEqual(expectedByPartition(100, 130));
  });

  it("stops the cluster so its ports refuse connections", async () => {
    const other = await startMockKafkaCluster();
    const otherKafka = new Kafka({
      brokers: other.brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 500,
    });
    const admin = otherKafka.admin();
    await admin.connect();
    await admin.disconnect();
    await other.stop();
    await other.stop();
    await expect(admin.connect()).rejects.toThrow();
  });

  it("rejects bad options before starting anything", async () => {
    await expect(startMockKafkaCluster({ brokers: 0 })).rejects.toThrow(/brokers/);
    await expect(startMockKafkaCluster({ topics: [{ name: "a:b", partitions: 1 }] })).rejects.toThrow(/topic name/);
  });
});
