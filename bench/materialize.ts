// Benchmark of the materialization worker, in one run against librdkafka's mock cluster and PostgreSQL:
//   1. the ceiling: a bare kafkajs consumer that fetches and decodes the same registry-encoded records, nothing else;
//   2. the materializer's sustained rows/s into PostgreSQL with exactly-once on (rows + offsets in one transaction);
//   3. at a steady rate (1,000 records/s by default), produce → row visible latency, observed from another connection.
//   npx tsx bench/materialize.ts [--records 200000] [--partitions 8] [--rate 1000] [--seconds 20] [--rounds 5]
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import type { Message } from "kafkajs";
import { prepareTestDatabase } from "@/lib/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { records: { type: "string", default: "200000" }, partitions: { type: "string", default: "8" }, rate: { type: "string", default: "1000" }, seconds: { type: "string", default: "20" }, rounds: { type: "string", default: "5" } } });
const RECORDS = Number(values.records);
const PARTITIONS = Number(values.partitions);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);

/**
 * Before each measured phase: PostgreSQL's dirty pages written (CHECKPOINT) and the kernel's written back (sync), so a
 * phase does not pay for the writes of the one before it (on this machine the kernel's writeback of a materializer
 * round takes over a second of CPU, which would otherwise slow the next raw round and flatter the ratio).
 */
async function settle(client: pg.Client) {
  await client.query("CHECKPOINT");
  execFileSync("sync");
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rounded = (n: number) => Math.round(n);

async function main() {
  const database = await prepareTestDatabase("bench_materialize");
  process.env.DATABASE_URL = database.url;
  process.env.MESHWORK_DEMO = "on";
  const { startMockKafkaCluster } = await import("@/lib/kafka/start-mock-cluster");
  const { createKafka } = await import("@/lib/kafka/kafka-client");
  const fixture = await import("@/lib/testing/materialization-fixture");
  const { createUser } = await import("@/lib/testing/fixtures");
  const { createRecordDecoder } = await import("@/lib/materialization/record-decoder");
  const { startMaterializer } = await import("@/lib/materialization/start-materializer");
  const { db } = await import("@/lib/db");
  const { closeDataPool } = await import("@/lib/data-tables/data-database");

  const [cluster, listener] = await Promise.all([
    startMockKafkaCluster({ topics: [{ name: "bench.throughput", partitions: PARTITIONS }, { name: "bench.latency", partitions: 4 }] }),
    fixture.startRegistryListener(),
  ]);
  const kafka = createKafka({ brokers: cluster.brokers, clientId: "bench" });
  const registry = fixture.producerRegistry(listener.url);
  const admin = await createUser({ role: "admin" });
  // A busy machine can push the first contract submissions past Prisma's 5 s transaction limit: try again.
  const product = async (topic: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fixture.materializedProduct(admin, { topic });
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };
  const throughput = await product("bench.throughput");
  const latency = await product("bench.latency");
  const observer = new pg.Client({ connectionString: database.url, application_name: "bench observer" });
  await observer.connect();
  const figures: Record<string, unknown> = { at: new Date().toISOString(), records: RECORDS, partitions: PARTITIONS, cpus: os.cpus().length, load: os.loadavg().map((l) => l.toFixed(2)).join(" ") };

  try {
    console.log(`Producing ${RECORDS} registry-encoded records to bench.throughput (${PARTITIONS} partitions)…`);
    const schemaId = await registry.getLatestSchemaId("bench.throughput-value");
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const produceStart = performance.now();
    for (let i = 0; i < RECORDS; i += 2_000) {
      const messages: Message[] = [];
      for (let j = i; j < Math.min(RECORDS, i + 2_000); j++) messages.push({ key: `o-${j}`, value: await registry.encode(schemaId, fixture.order(j)) });
      await producer.send({ topic: "bench.throughput", messages });
    }
    figures.produceRecordsPerSecond = rounded(RECORDS / ((performance.now() - produceStart) / 1000));
    console.log(`  ${figures.produceRecordsPerSecond} records/s produced`);

    // 1 and 2, in alternating rounds: one pair of a busy moment on a 2-core machine decides nothing, so each is run
    // ROUNDS times, one after the other, and the ratio is the median of the rounds' ratios.
    const decode = createRecordDecoder(registry);
    const { restartMaterializationFromBeginning } = await import("@/lib/materialization/restart-materialization");
    const rounds: { raw: number; materializer: number; ratio: number; batches: number; nodeCpuUsPerRow: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // 1. The ceiling: fetch + decode with the same consumer settings, no database.
      await settle(observer);
      let consumed = 0;
      let firstAt = 0;
      const raw = kafka.consumer({ groupId: `bench-raw-${round}`, maxWaitTimeInMs: 100, minBytes: 1, maxBytesPerPartition: 4 * 1024 * 1024 });
      const rawDone = new Promise<number>((resolve) => {
        void raw.connect().then(async () => {
          await raw.subscribe({ topic: "bench.throughput", fromBeginning: true });
          await raw.run({
            autoCommit: false,
            partitionsConsumedConcurrently: 4,
            eachBatch: async ({ batch }) => {
              if (!firstAt) firstAt = performance.now();
              for (const m of batch.messages) if (m.value) await decode(m.value);
              consumed += batch.messages.length;
              if (consumed >= RECORDS) resolve(performance.now());
            },
          });
        });
      });
      const rawEnd = await rawDone;
      await raw.disconnect();
      const rawRate = RECORDS / ((rawEnd - firstAt) / 1000);

      // 2. The materializer, exactly once, into PostgreSQL (the table emptied between rounds by a restart from the beginning).
      if (round > 1) await restartMaterializationFromBeginning(admin, throughput.tablePort.id);
      await settle(observer);
      let rows = 0;
      // The rate counts the rows written after the first batch's commit (the clock starts there).
      let firstBatchRows = 0;
      let firstBatch = 0;
      let lastBatch = 0;
      let batches = 0;
      let cpuAtFirst = process.cpuUsage();
      let cpu = { user: 0, system: 0 };
      const materializer = await startMaterializer({
        kafka,
        registry: fixture.producerRegistry(listener.url),
        log: () => {},
        groupId: `bench-materializer-${round}`,
        topicFilter: /^bench\.throughput$/,
        onBatch: (b) => {
          if (!firstBatch) {
            firstBatch = performance.now();
            firstBatchRows = b.rows;
            cpuAtFirst = process.cpuUsage();
          }
          rows += b.rows;
          batches++;
          lastBatch = performance.now();
          if (rows >= RECORDS) cpu = process.cpuUsage(cpuAtFirst);
        },
      });
      while (rows < RECORDS) await new Promise((r) => setTimeout(r, 20));
      await materializer.stop();
      const visible = Number((await observer.query(`SELECT count(*) AS n FROM ${throughput.qualified}`)).rows[0].n);
      const distinct = Number((await observer.query(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${throughput.qualified}`)).rows[0].n);
      if (visible !== RECORDS || distinct !== RECORDS) throw new Error(`expected ${RECORDS} rows, found ${visible} (${distinct} distinct)`);
      const materializerRate = (RECORDS - firstBatchRows) / ((lastBatch - firstBatch) / 1000);
      const nodeCpuUsPerRow = +((cpu.user + cpu.system) / (RECORDS - firstBatchRows)).toFixed(2);
      rounds.push({ raw: rounded(rawRate), materializer: rounded(materializerRate), ratio: +(materializerRate / rawRate).toFixed(3), batches, nodeCpuUsPerRow });
      console.log(`round ${round}: 1. raw kafkajs consume + decode ${rounded(rawRate)} records/s; 2. materializer (exactly once) ${rounded(materializerRate)} rows/s in ${batches} batches (${nodeCpuUsPerRow} µs of worker CPU per row) = ${((materializerRate / rawRate) * 100).toFixed(0)}%; ${visible} rows, all distinct`);
    }
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const [rawMedian, materializedMedian, ratio] = [median(rounds.map((r) => r.raw)), median(rounds.map((r) => r.materializer)), median(rounds.map((r) => r.ratio))];
    figures.rawConsumeDecode = { recordsPerSecondMedian: rawMedian };
    figures.materializer = { rowsPerSecondMedian: materializedMedian, medianRatioToRaw: ratio, rounds };
    console.log(`1+2. median of ${ROUNDS} rounds: raw ${rawMedian} records/s, materializer ${materializedMedian} rows/s; median ratio ${(ratio * 100).toFixed(0)}% of the raw rate (goal ≥ 50%)`);

    // 3. Produce → visible at a steady rate, seen from another connection.
    const latencyMaterializer = await startMaterializer({ kafka, registry: fixture.producerRegistry(listener.url), log: () => {}, groupId: "bench-latency", topicFilter: /^bench\.latency$/ });
    const latencyId = await registry.getLatestSchemaId("bench.latency-value");
    // Warm up: the table exists and the group has joined before the clock starts.
    await producer.send({ topic: "bench.latency", messages: [{ key: "warm", value: await registry.encode(latencyId, fixture.order(-1)) }] });
    while (Number((await observer.query(`SELECT count(*) AS n FROM ${latency.qualified}`).catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n) < 1) await new Promise((r) => setTimeout(r, 50));
    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const total = RATE * SECONDS;
    let stop = false;
    let lastOffsetSeen = new Map<number, string>();
    const observe = (async () => {
      while (!stop || seenAt.size < total) {
        const { rows: fresh } = await observer.query<{ order_id: string; _partition: number; _offset: string }>(
          `SELECT order_id, _partition, _offset::text FROM ${latency.qualified} WHERE _offset > coalesce(($1::jsonb ->> _partition::text)::bigint, -1)`,
          [JSON.stringify(Object.fromEntries(lastOffsetSeen))],
        );
        const t = performance.now();
        const next = new Map(lastOffsetSeen);
        for (const r of fresh) {
          if (!seenAt.has(r.order_id)) seenAt.set(r.order_id, t);
          if (BigInt(r._offset) > BigInt(next.get(r._partition) ?? "-1")) next.set(r._partition, r._offset);
        }
        lastOffsetSeen = next;
        if (stop && performance.now() - t > 10_000) break;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const tickMs = 10;
    const perTick = Math.max(1, Math.round((RATE * tickMs) / 1000));
    const start = performance.now();
    for (let sent = 0, tick = 0; sent < total; tick++) {
      const due = start + tick * tickMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const messages: Message[] = [];
      for (let k = 0; k < perTick && sent < total; k++, sent++) messages.push({ key: `l-${sent}`, value: await registry.encode(latencyId, fixture.order(sent, { order_id: `l-${sent}` })) });
      const at = performance.now();
      for (const m of messages) sentAt.set(String(m.key), at);
      await producer.send({ topic: "bench.latency", messages });
    }
    const produceSeconds = (performance.now() - start) / 1000;
    stop = true;
    const deadline = performance.now() + 15_000;
    while (seenAt.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await observe;
    await latencyMaterializer.stop();
    await producer.disconnect();
    const latencies = [...sentAt].filter(([k]) => seenAt.has(k)).map(([k, t]) => seenAt.get(k)! - t).sort((a, b) => a - b);
    figures.latency = { rate: RATE, seconds: SECONDS, achievedRate: rounded(total / produceSeconds), seen: latencies.length, of: total, p50Ms: rounded(percentile(latencies, 50)), p95Ms: rounded(percentile(latencies, 95)), p99Ms: rounded(percentile(latencies, 99)), maxMs: rounded(latencies[latencies.length - 1]) };
    console.log(`3. at ${rounded(total / produceSeconds)} records/s for ${SECONDS} s: produce → visible p50 ${rounded(percentile(latencies, 50))} ms, p95 ${rounded(percentile(latencies, 95))} ms, p99 ${rounded(percentile(latencies, 99))} ms (goal p95 ≤ 1000 ms); ${latencies.length}/${total} seen`);
  } finally {
    await observer.end();
    await cluster.stop();
    listener.stop();
    await closeDataPool();
    await db.$disconnect();
    await database.drop().catch(() => {});
  }
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/materialize.json"), JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
