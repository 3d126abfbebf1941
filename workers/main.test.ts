import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { listFailedJobs } from "@/lib/jobs/list-failed-jobs";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { createUser } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, tablePortWithContract, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { until, workerProcesses } from "@/lib/testing/worker-process";

const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let client: pg.Client;

// Only the provisioning worker: these grants come from bare jobs no subscription justifies, which the lifecycle
// worker's reconciliation would rightly take away again. (The helper's comment says why not `npx tsx`.)
const workers = workerProcesses({ MESHWORK_ROLE_PREFIX: prefix, MESHWORK_WORKERS: "provisioning" });
const startWorker = workers.start;

const grantedLines = (output: string) => output.split("\n").filter((l) => /provisioning: job \d+ grant .*granted SELECT/.test(l));

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  client = new pg.Client({ connectionString: url() });
  await client.connect();
});
afterAll(async () => {
  workers.killAll();
  await client.end();
  await closeDataPool();
  await dropRolesWithPrefix(url(), prefix);
});

/** A producer's table port with an active contract and a consumer team, and the role that team's grants act on. */
async function grantScenario() {
  const producer = await tablePortWithContract(admin);
  const consumer = await tablePortWithContract(admin);
  return { producer, consumer, role: teamRoleName(consumer.team.slug, prefix), payload: { action: "grant" as const, portId: producer.port.id, teamId: consumer.team.id } };
}

describe("workers/main.ts, as its own process", () => {
  it("applies a grant enqueued in a transaction, seen from another connection, and exits 0 on SIGTERM", async () => {
    const worker = await startWorker({ MESHWORK_CLOCK: "2030-01-01T00:00:00Z" });
    expect(worker.output()).toMatch(/ready: provisioning(, [a-z-]+)* \(demo mode\), clock 2030-01-01T00:00:00\.000Z/);
    const { producer, role, payload } = await grantScenario();
    expect(await canRead(url(), role, producer.schema, "orders")).toEqual({ privilege: false, selectWorks: false });
    const enqueuedAt = performance.now();
    await db.$transaction((tx) => enqueueJob(tx, "provision-grant", payload));
    await until(async () => (await canRead(url(), role, producer.schema, "orders")).privilege);
    const latency = performance.now() - enqueuedAt;
    console.log(`commit → has_table_privilege true: ${latency.toFixed(0)} ms (includes creating the table)`);
    expect((await canRead(url(), role, producer.schema, "orders")).selectWorks).toBe(true);
    await until(async () => grantedLines(worker.output()).length === 1);

    // Warm (the table exists, the worker's connections are open): commit → privilege visible elsewhere.
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const other = await tablePortWithContract(admin, { contract: false });
      const otherRole = teamRoleName(other.team.slug, prefix);
      const t0 = performance.now();
      await db.$transaction((tx) => enqueueJob(tx, "provision-grant", { ...payload, teamId: other.team.id }));
      await until(async () => (await canRead(url(), otherRole, producer.schema, "orders")).privilege);
      latencies.push(performance.now() - t0);
    }
    console.log(`warm commit → has_table_privilege true: ${latencies.map((l) => l.toFixed(0)).join(", ")} ms`);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toMatch(/stopping \(SIGTERM\)/);
    expect(worker.output()).toMatch(/\[workers\] stopped/);
  });

  it("killed (SIGKILL) while it holds a grant job, then restarted: the grant is applied once", async () => {
    const { producer, role, payload } = await grantScenario();
    // Hold the schema's provisioning lock, so the worker claims the job and then waits inside it.
    const blocker = new pg.Client({ connectionString: url() });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_advisory_xact_lock(72709, hashtext($1))", [producer.schema]);
    const first = await startWorker();
    const { id } = await db.$transaction((tx) => enqueueJob(tx, "provision-grant", payload));
    await until(async () => (await client.query("SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1 AND locked_by IS NOT NULL", [id])).rowCount === 1);
    process.kill(-first.child.pid!, "SIGKILL");
    await first.exited;
    await blocker.query("COMMIT");
    await blocker.end();
    expect(await canRead(url(), role, producer.schema, "orders")).toEqual({ privilege: false, selectWorks: false });
    // The job is still locked by the dead process.
    expect((await client.query("SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1", [id])).rows[0].locked_by).not.toBeNull();

    const second = await startWorker();
    await until(async () => (await canRead(url(), role, producer.schema, "orders")).privilege, 30_000);
    await until(async () => (await client.query("SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1", [id])).rowCount === 0);
    expect(second.output()).toMatch(/recovered the jobs of stopped worker pool/);
    expect(grantedLines(first.output())).toEqual([]);
    expect(grantedLines(second.output())).toHaveLength(1);
    expect((await listFailedJobs({ task: "provision-grant" })).filter((j) => (j.payload as { portId: string }).portId === payload.portId)).toEqual([]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);

  it("finishes the job it holds before exiting on SIGTERM", async () => {
    const { producer, role, payload } = await grantScenario();
    const blocker = new pg.Client({ connectionString: url() });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_advisory_xact_lock(72709, hashtext($1))", [producer.schema]);
    const worker = await startWorker();
    const { id } = await enqueueJob(db, "provision-grant", payload);
    await until(async () => (await client.query("SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1 AND locked_by IS NOT NULL", [id])).rowCount === 1);
    worker.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    expect(worker.child.exitCode, worker.output()).toBeNull();
    await blocker.query("COMMIT");
    await blocker.end();
    expect(await worker.exited).toBe(0);
    expect(await canRead(url(), role, producer.schema, "orders")).toEqual({ privilege: true, selectWorks: true });
    expect((await client.query("SELECT id, last_error, attempts, locked_by FROM graphile_worker._private_jobs WHERE id = $1", [id])).rows).toEqual([]);
  }, 60_000);

  it("refuses to start, with one line, on an unknown worker name, without DATABASE_URL, or on a shifted clock outside demo mode", async () => {
    const cases: [Record<string, string | undefined>, RegExp][] = [
      [{ MESHWORK_WORKERS: "provisioning,nope" }, /MESHWORK_WORKERS names no worker called nope; there are: provisioning/],
      [{ DATABASE_URL: undefined }, /DATABASE_URL is not set/],
      [{ MESHWORK_DEMO: "off", MESHWORK_CLOCK: "+1d" }, /MESHWORK_CLOCK is only honoured in demo mode/],
      [{ MESHWORK_CLOCK: "next tuesday" }, /MESHWORK_CLOCK must be an ISO instant/],
      [{ MESHWORK_DEMO: "off", NEXTAUTH_SECRET: undefined }, /NEXTAUTH_SECRET is not set/],
    ];
    for (const [env, message] of cases) {
      const worker = await startWorker(env, { waitForReady: false, viaNpx: true });
      expect(await worker.exited, worker.output()).toBe(1);
      expect(worker.output()).toMatch(message);
      expect(worker.output().trim().split("\n")).toHaveLength(1);
    }
  }, 120_000);
});
