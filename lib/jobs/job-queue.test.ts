import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueJob } from "./enqueue-job";
import { listFailedJobs } from "./list-failed-jobs";
import { recoverAbandonedJobs, startJobRunner } from "./start-job-runner";

const url = () => process.env.DATABASE_URL!;
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: url() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

const payload = () => ({ action: "grant" as const, portId: randomUUID(), teamId: randomUUID() });
const jobsFor = async (portId: string) =>
  (await client.query<{ id: string; task_identifier: string; payload: { portId: string }; locked_by: string | null }>("SELECT j.id::text, t.identifier AS task_identifier, j.payload, j.locked_by FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.payload->>'portId' = $1", [portId])).rows;

async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("enqueueJob (the outbox)", () => {
  it("writes the job in the caller's transaction: a rollback leaves none, a commit leaves exactly one", async () => {
    const rolledBack = payload();
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob(tx, "provision-grant", rolledBack);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobsFor(rolledBack.portId)).toEqual([]);

    const committed = payload();
    const { id } = await db.$transaction((tx) => enqueueJob(tx, "provision-grant", committed));
    const rows = await jobsFor(committed.portId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, task_identifier: "provision-grant", payload: committed });
    await client.query("SELECT graphile_worker.permanently_fail_jobs(ARRAY[$1::bigint], 'test cleanup')", [id]);
  });

  it("keeps one waiting job per job key", async () => {
    const job = payload();
    const first = await enqueueJob(db, "provision-grant", job, { jobKey: `grant:${job.portId}`, runAt: new Date(Date.now() + 3_600_000) });
    const second = await enqueueJob(db, "provision-grant", job, { jobKey: `grant:${job.portId}`, runAt: new Date(Date.now() + 3_600_000) });
    expect(second.id).toBe(first.id);
    expect(await jobsFor(job.portId)).toHaveLength(1);
  });

  it("refuses a payload its task does not take", async () => {
    await expect(enqueueJob(db, "provision-grant", { action: "drop", portId: "x" } as never)).rejects.toThrow();
  });
});

describe("startJobRunner", () => {
  it("runs jobs, records a failing one's error where listFailedJobs shows it, and stops cleanly", async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const runner = await startJobRunner({
      name: "test",
      databaseUrl: url(),
      log: (l) => lines.push(l),
      tasks: {
        "provision-grant": async (p) => {
          const { portId } = p as { portId: string };
          seen.push(portId);
          if (portId.startsWith("0000")) throw new Error(`port ${portId} exploded`);
        },
      },
    });
    try {
      const ok = payload();
      await enqueueJob(db, "provision-grant", ok);
      await until(async () => (await jobsFor(ok.portId)).length === 0);
      expect(seen).toContain(ok.portId);

      const bad = { ...payload(), portId: `0000${randomUUID().slice(4)}` };
      await enqueueJob(db, "provision-grant", bad, { maxAttempts: 1 });
      const failed = await until(async () => (await listFailedJobs({ task: "provision-grant" })).find((j) => (j.payload as { portId: string }).portId === bad.portId));
      expect(failed).toMatchObject({ state: "failed", attempts: 1, maxAttempts: 1, lastError: expect.stringContaining(`port ${bad.portId} exploded`) });

      const retrying = { ...payload(), portId: `0000${randomUUID().slice(4)}` };
      await enqueueJob(db, "provision-grant", retrying, { maxAttempts: 5 });
      const again = await until(async () => (await listFailedJobs()).find((j) => (j.payload as { portId: string }).portId === retrying.portId));
      expect(again.state).toBe("retrying");
      // Backoff: the next attempt waits.
      expect(again.runAt.getTime()).toBeGreaterThan(Date.now());
      expect(lines.some((l) => l.includes("exploded"))).toBe(true);
    } finally {
      await runner.stop();
    }
    await runner.done;
    await runner.stop();
  });
});

describe("recoverAbandonedJobs", () => {
  it("unlocks jobs held by a pool whose process is gone, not those of a live pool, nor fresh ones", async () => {
    const dead = payload();
    const alive = payload();
    const fresh = payload();
    const ids = await Promise.all([dead, alive, fresh].map((p) => enqueueJob(db, "provision-grant", p, { runAt: new Date(Date.now() + 3_600_000) })));
    const lock = (id: string, by: string, ago: string) => client.query(`UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - $3::interval WHERE id = $1`, [id, by, ago]);
    const deadPool = `pool-dead-${randomUUID()}`;
    const livePool = `pool-live-${randomUUID()}`;
    await lock(ids[0].id, deadPool, "1 minute");
    await lock(ids[1].id, livePool, "1 minute");
    await lock(ids[2].id, `pool-fresh-${randomUUID()}`, "0 seconds");
    // A live pool holds its liveness lock on a connection of its own.
    const live = new pg.Client({ connectionString: url() });
    await live.connect();
    await live.query("SELECT pg_advisory_lock(72708, hashtext($1))", [livePool]);
    try {
      const recovered = await recoverAbandonedJobs(client, 5_000);
      expect(recovered).toContain(deadPool);
      expect(recovered).not.toContain(livePool);
      const state = async (p: { portId: string }) => (await jobsFor(p.portId))[0].locked_by;
      expect(await state(dead)).toBeNull();
      expect(await state(alive)).toBe(livePool);
      expect(await state(fresh)).not.toBeNull();
    } finally {
      await live.end();
    }
    // Its connection gone, the live pool is abandoned too.
    expect(await recoverAbandonedJobs(client, 5_000)).toContain(livePool);
  });
});
