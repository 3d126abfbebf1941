import type { Consumer, Kafka } from "kafkajs";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { Prisma } from "@/lib/generated/prisma/client";
import { registryReader } from "@/lib/materialization/inspect-dead-letter";
import { createRecordDecoder } from "@/lib/materialization/record-decoder";
import { createForeignSchemaCheck } from "./foreign-schema";
import { qualityChecksOf } from "./check-definitions";
import { runStreamQuality } from "./run-stream-quality";
import { isPerRecordCheck, StreamWindowCounter } from "./stream-window";

export const STREAM_GROUP = "meshwork-quality";

type Watched = { portId: string; topic: string; counter: StreamWindowCounter; lastMessageAt: Date | null };

export type StreamChecker = { stop: () => Promise<void>; flush: () => Promise<void> };

async function topicPorts() {
  const ports = await db.port.findMany({
    where: { type: "kafka_topic", direction: "output", location: { not: null }, dataProduct: { status: { not: "retired" } }, contractVersions: { some: { status: "active" } } },
    select: { id: true, location: true, contractVersions: { where: { status: "active" }, select: { document: true }, take: 1 } },
  });
  return ports.map((p) => ({ id: p.id, topic: p.location!, checks: qualityChecksOf(p.contractVersions[0].document as unknown as OdcsContract, p.location, "stream").filter(isPerRecordCheck) }));
}

/**
 * Checks every topic port's stream as it flows: an own consumer group reads new records, each record is counted
 * against the per-record rules of its contract and the newest message's time is kept; every `windowMs` the window is
 * stored and evaluated (with freshness) as a run of its own, and a new window starts. Without Kafka (`kafka` null)
 * it still evaluates freshness, which then says no message has been seen.
 */
export async function startStreamChecker({ kafka, log, windowMs = 30_000, fromBeginning = false }: { kafka: Kafka | null; log: (line: string) => void; windowMs?: number; fromBeginning?: boolean }): Promise<StreamChecker> {
  const decode = createRecordDecoder(registryReader as unknown as Parameters<typeof createRecordDecoder>[0]);
  const isForeign = createForeignSchemaCheck();
  const watched = new Map<string, Watched>();
  let consumer: Consumer | null = null;
  let subscribed = "";
  let stopped = false;

  const refresh = async () => {
    const ports = await topicPorts();
    const at = now();
    for (const port of ports) {
      const existing = watched.get(port.topic);
      if (existing && existing.portId === port.id) continue;
      const state = await db.qualityStreamState.findUnique({ where: { portId: port.id }, select: { lastMessageAt: true } });
      watched.set(port.topic, { portId: port.id, topic: port.topic, counter: new StreamWindowCounter(port.checks, at), lastMessageAt: state?.lastMessageAt ?? null });
    }
    for (const topic of [...watched.keys()]) if (!ports.some((p) => p.topic === topic)) watched.delete(topic);
    const topics = [...watched.keys()].sort();
    if (!kafka || topics.join("\n") === subscribed || stopped) return;
    await consumer?.disconnect().catch(() => {});
    subscribed = topics.join("\n");
    if (topics.length === 0) return;
    consumer = kafka.consumer({ groupId: STREAM_GROUP, allowAutoTopicCreation: false });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning });
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const entry = watched.get(batch.topic);
        for (const message of batch.messages) {
          if (entry && message.value) {
            const decoded = await decode(message.value);
            // Another topic's record (a producer writing to the wrong topic) is not one of this contract's records.
            if (decoded.ok && !(await isForeign(batch.topic, decoded.schemaId))) entry.counter.add(decoded.value);
            else entry.counter.undecodable();
            const at = new Date(Number(message.timestamp));
            if (!entry.lastMessageAt || at > entry.lastMessageAt) entry.lastMessageAt = at;
          }
          resolveOffset(message.offset);
        }
        await heartbeat();
      },
    });
  };

  const flush = async () => {
    await refresh();
    const at = now();
    for (const entry of watched.values()) {
      const window = entry.counter.reset(at);
      await db.qualityStreamState.upsert({
        where: { portId: entry.portId },
        create: { portId: entry.portId, lastMessageAt: entry.lastMessageAt, window: window as unknown as Prisma.InputJsonValue, updatedAt: at },
        update: { lastMessageAt: entry.lastMessageAt, window: window as unknown as Prisma.InputJsonValue, updatedAt: at },
      });
      await runStreamQuality(entry.portId, { trigger: "stream" });
    }
  };

  await refresh();
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(flush).catch((error: Error) => log(`quality: the stream window could not be checked: ${error.message}`));
  }, windowMs);
  return {
    flush: () => (running = running.then(flush)),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      await consumer?.disconnect().catch(() => {});
    },
  };
}
