import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { createKafka } from "@/lib/kafka/kafka-client";
import { startMockKafkaCluster, type MockKafkaCluster } from "@/lib/kafka/start-mock-cluster";
import { getMaterializationStatus } from "@/lib/materialization/get-materialization-status";
import { restartMaterializationFromBeginning } from "@/lib/materialization/restart-materialization";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { materializedProduct, order, produceOrders, producerRegistry, startRegistryListener, TEST_SERVICE_TOKEN, until } from "@/lib/testing/materialization-fixture";

// Issue 10: exactly once through real worker processes (workers/main.ts), killed with SIGKILL mid-batch, two of them
// sharing the partitions, and a mock cluster restarted under them (a recreated topic).

const ROOT = path.resolve(import.meta.dirname, "..");
const TOPICS = ["proc.kill", "proc.two", "proc.reset"].map((name) => ({ name, partitions: 4 }));

let admin: Actor;
let cluster: MockKafkaCluster;
let listener: Awaited<ReturnType<typeof startRegistryListener>>;
let client: pg.Client;
const started: ChildProcess[] = [];

type Worker = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

async function startWorker(brokers: string[]): Promise<Worker> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      MESHWORK_DEMO: "on",
      MESHWORK_WORKERS: "materialization",
      KAFKA_BROKERS: brokers.join(","),
      MESHWORK_REGISTRY_URL: listener.url,
      MESHWORK_SERVICE_TOKEN: TEST_SERVICE_TOKEN,
      MESHWORK_MATERIALIZER_TOPICS: "^proc\\.",
      MESHWORK_MATERIALIZER_SESSION_TIMEOUT_MS: "6000",
      MESHWORK_MATERIALIZER_REFRESH_MS: "250",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await until(async () => output.includes("[workers] ready") || (child.exitCode !== null && Promise.reject(new Error(`the worker exited:\n${output}`))), 60_000, "the worker");
  return { child, output: () => output, exited };
}

async function kill(worker: Worker) {
  process.kill(-worker.child.pid!, "SIGKILL");
  await worker.exited;
}

const count = async (sql: string) => Number((await client.query<{ n: string }>(sql).catch((e: { code?: string }) => (e.code === "42P01" ? { rows: [{ n: "0" }] } : Promise.reject(e)))).rows[0].n);
const rowsOf = (qualified: string) => count(`SELECT count(*) AS n FROM ${qualified}`);
const distinctOf = (qualified: string) => count(`SELECT count(DISTINCT (_partition, _offset)) AS n FROM ${qualified}`);

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  [cluster, listener] = await Promise.all([startMockKafkaCluster({ topics: TOPICS }), startRegistryListener()]);
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
}, 90_000);

afterAll(async () => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  await client?.end();
  await cluster?.stop();
  listener?.stop();
  await closeDataPool();
});

describe("the materialization worker, as its own processes", () => {
  it("killed with SIGKILL inside a batch's transaction, then restarted: exactly N rows, none twice", async () => {
    const kafka = createKafka({ brokers: cluster.brokers });
    const registry = producerRegistry(listener.url);
    const p = await materializedProduct(admin, { topic: "proc.kill" });
    const first = await startWorker(cluster.brokers);
    await produceOrders(kafka, registry, p.topic, Array.from({ length: 1_000 }, (_, i) => order(i)));
    await until(async () => (await rowsOf(p.qualified)) === 1_000, 30_000, "1000 rows");

    // Hold the table so the worker's next batch waits inside its transaction (offsets locked, rows not yet in).
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`LOCK TABLE ${p.qualified} IN EXCLUSIVE MODE`);
    const n = 6_000;
    await produceOrders(kafka, registry, p.topic, Array.from({ length: n - 1_000 }, (_, i) => order(1_000 + i)));
    await until(async () => (await client.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'meshwork materializer' AND wait_event_type = 'Lock' AND state = 'active'")).rowCount! > 0, 20_000, "a batch waiting on the table");
    await kill(first);
    await blocker.query("COMMIT");
    await blocker.end();
    expect(await rowsOf(p.qualified)).toBe(1_000);

    const second = await startWorker(cluster.brokers);
    // Killed again while rows flow, at whatever point it is.
    await until(async () => (await rowsOf(p.qualified)) > 1_000, 30_000, "rows flowing again");
    await kill(second);
    const third = await startWorker(cluster.brokers);
    await until(async () => (await rowsOf(p.qualified)) >= n, 60_000, `${n} rows`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await rowsOf(p.qualified)).toBe(n);
    expect(await distinctOf(p.qualified)).toBe(n);
    expect(await count(`SELECT count(DISTINCT order_id) AS n FROM ${p.qualified}`)).toBe(n);
    const status = await until(async () => {
      const s = await getMaterializationStatus(p.owner, p.tablePort.id);
      return s.lag.messages === 0 ? s : null;
    }, 10_000, "no lag");
    expect(status.rowsWritten).toBe(n);
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  }, 180_000);

  it("two workers share the partitions; one killed, the other takes its partitions over: exactly N", async () => {
    const kafka = createKafka({ brokers: cluster.brokers });
    const registry = producerRegistry(listener.url);
    const p = await materializedProduct(admin, { topic: "proc.two" });
    const a = await startWorker(cluster.brokers);
    const b = await startWorker(cluster.brokers);
    const joined = (w: Worker) => [...w.output().matchAll(/joined the group with .*proc\.two \[([\d,]+)\]/g)].map((m) => m[1]).pop();
    await until(async () => {
      const [x, y] = [joined(a), joined(b)];
      return x && y && x.split(",").length + y.split(",").length === 4;
    }, 40_000, "both workers holding partitions").catch((error) => {
      console.log(`A:\n${a.output()}\nB:\n${b.output()}`);
      throw error;
    });
    const n = 8_000;
    await produceOrders(kafka, registry, p.topic, Array.from({ length: n / 2 }, (_, i) => order(i)));
    await until(async () => (await rowsOf(p.qualified)) > 0, 30_000, "rows");
    await kill(a);
    await produceOrders(kafka, registry, p.topic, Array.from({ length: n / 2 }, (_, i) => order(n / 2 + i)));
    await until(async () => (await rowsOf(p.qualified)) >= n, 90_000, `${n} rows`).catch(async (error) => {
      console.log(`rows ${await rowsOf(p.qualified)}\n${JSON.stringify((await client.query("SELECT partition, next_offset, end_offset, rows_written FROM materialization_offset WHERE port_id = $1 ORDER BY 1", [p.tablePort.id])).rows)}\nA:\n${a.output()}\nB:\n${b.output()}`);
      throw error;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await rowsOf(p.qualified)).toBe(n);
    expect(await distinctOf(p.qualified)).toBe(n);
    expect(joined(b)!.split(",")).toHaveLength(4);
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
  }, 180_000);

  it("detects a recreated topic (the mock cluster restarted), writes nothing, and an owner restarts it from the beginning", async () => {
    const p = await materializedProduct(admin, { topic: "proc.reset" });
    const registry = producerRegistry(listener.url);
    const own = await startMockKafkaCluster({ topics: [{ name: "proc.reset", partitions: 2 }] });
    let again: MockKafkaCluster | undefined;
    try {
      const worker = await startWorker(own.brokers);
      await produceOrders(createKafka({ brokers: own.brokers }), registry, p.topic, Array.from({ length: 40 }, (_, i) => order(i)));
      await until(async () => (await rowsOf(p.qualified)) === 40, 30_000, "40 rows");
      await kill(worker);
      await own.stop();
      // The same topic on a fresh cluster: empty again, its end offsets below the stored ones.
      again = await startMockKafkaCluster({ topics: [{ name: "proc.reset", partitions: 2 }] });
      await produceOrders(createKafka({ brokers: again.brokers }), registry, p.topic, [order(100), order(101), order(102)]);
      const restarted = await startWorker(again.brokers);
      const status = await until(async () => {
        const s = await getMaterializationStatus(p.owner, p.tablePort.id);
        return s.state === "reset_detected" ? s : null;
      }, 20_000, "the reset");
      expect(status.resetDetected!.partitions.length).toBeGreaterThan(0);
      expect(status.resetDetected!.partitions.every((x) => x.endOffset < x.storedOffset)).toBe(true);
      await until(async () => /proc\.reset.*below the stored offset.*restart it from the beginning/.test(restarted.output()), 10_000, "the worker saying so");
      expect(await rowsOf(p.qualified)).toBe(40);

      await expectMeshworkError(restartMaterializationFromBeginning(p.member, p.tablePort.id), "forbidden");
      await expectMeshworkError(restartMaterializationFromBeginning(await createUser(), p.tablePort.id), "not_found");
      const after = await restartMaterializationFromBeginning(p.owner, p.tablePort.id);
      expect(after.resetDetected).toBeNull();
      await until(async () => (await rowsOf(p.qualified)) === 3, 20_000, "the new topic's 3 rows");
      const { rows } = await client.query(`SELECT order_id FROM ${p.qualified} ORDER BY order_id`);
      expect(rows.map((r) => r.order_id)).toEqual(["o-100", "o-101", "o-102"]);
      expect((await getMaterializationStatus(p.owner, p.tablePort.id)).state).toBe("running");
      await kill(restarted);
    } finally {
      await again?.stop();
      await own.stop();
    }
  }, 180_000);
});
