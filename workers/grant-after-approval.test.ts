import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createApprovalRequest } from "@/lib/approvals/create-approval-request";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { decideApprovalStep } from "@/lib/approvals/decide-approval-step";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { listFailedJobs } from "@/lib/jobs/list-failed-jobs";
import { grantJobKey } from "@/lib/provisioning/request-grant-provisioning";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { createOwnedTeam, createUser } from "@/lib/testing/fixtures";
import { until, workerProcesses } from "@/lib/testing/worker-process";
import { canRead, dropRolesWithPrefix, ORDER_PROPERTIES, tableContractYaml, tablePortWithContract, testRolePrefix } from "@/lib/testing/table-port-fixture";

// The test: the worker killed between the final approval and the grant, then restarted → the grant is applied
// once. Through the real worker process (workers/main.ts), from the approvals mechanism's final decision.
const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let client: pg.Client;

// Only the worker under test: the others (materializer, quality, lifecycle…) have nothing to do with grants.
const workers = workerProcesses({ MESHWORK_ROLE_PREFIX: prefix, MESHWORK_WORKERS: "provisioning" });
const startWorker = () => workers.start();

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

/**
 * A subscription of a consumer team to a producer's table port, waiting for its one owner step, as requestSubscription
 * leaves it (the consumer team's role named under this file's prefix, as an admin would set it).
 */
async function waitingSubscription({ contract = true }: { contract?: boolean } = {}) {
  const producer = await tablePortWithContract(admin, { contract });
  const consumer = await createOwnedTeam(admin);
  const role = teamRoleName(consumer.team.slug, prefix);
  await db.team.update({ where: { id: consumer.team.id }, data: { postgresRole: role } });
  const { subscription, request } = await db.$transaction(async (tx) => {
    const subscription = await tx.subscription.create({ data: { portId: producer.port.id, consumerTeamId: consumer.team.id, requesterId: consumer.owner.id, purpose: "Weekly order report", durationDays: 90 } });
    const request = await createApprovalRequest(tx, {
      subject: "subscription",
      subjectId: subscription.id,
      requesterId: consumer.owner.id,
      rationale: "Weekly order report",
      steps: [{ kind: "owner", teamId: producer.team.id, reason: "the owning team approves access to its port" }],
    });
    return { subscription, request };
  });
  return { producer, consumer, role, subscription, request };
}

const grantedLines = (output: string) => output.split("\n").filter((l) => /provisioning: job \d+ grant .*granted SELECT/.test(l));

describe("a grant after the final approval, through the real worker process", () => {
  it("killed (SIGKILL) between the final approval and the grant, then restarted: the grant is applied once", async () => {
    const { producer, role, subscription, request } = await waitingSubscription();
    // Hold the schema's provisioning lock, so the worker claims the grant's job and then waits inside it.
    const blocker = new pg.Client({ connectionString: url() });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT pg_advisory_xact_lock(72709, hashtext($1))", [producer.schema]);
    const first = await startWorker();

    await decideApprovalStep(producer.owner, request.id, "approve", { comment: "Fine for reporting" });
    const [grant] = await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } });
    expect(grant).toMatchObject({ kind: "postgres_select", principal: role, state: "pending" });
    const job = async () => (await client.query<{ id: string; locked_by: string | null }>("SELECT id, locked_by FROM graphile_worker._private_jobs WHERE key = $1", [grantJobKey(grant.id)])).rows[0];
    await until(async () => (await job())?.locked_by);
    process.kill(-first.child.pid!, "SIGKILL");
    await first.exited;
    await blocker.query("COMMIT");
    await blocker.end();

    // Nothing happened in PostgreSQL or Meshwork's tables, and the job is still locked by the dead process.
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: false, selectWorks: false });
    expect((await job()).locked_by).not.toBeNull();
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ state: "pending", attempts: 0 });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).toBe("provisioning");

    const second = await startWorker();
    await until(async () => (await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state === "active", 30_000);
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: true, selectWorks: true });
    await until(async () => (await job()) === undefined);
    // Other test files' worker processes share this database's queue, so only this grant's lines are compared: the
    // killed worker granted nothing, and the grant was applied exactly once (attempts 1, one grant.apply below).
    const ours = (output: string) => grantedLines(output).filter((line) => line.includes(grant.id));
    expect(ours(first.output())).toEqual([]);
    expect(ours(first.output()).length + ours(second.output()).length).toBeLessThanOrEqual(1);
    expect(await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } })).toEqual([expect.objectContaining({ id: grant.id, state: "applied", attempts: 1, lastError: null })]);
    const events = await db.auditEvent.findMany({ where: { entityId: { in: [grant.id, subscription.id] } }, orderBy: { id: "asc" }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(["subscription.approve", "grant.request", "grant.apply", "subscription.activate"]);
    expect((await listFailedJobs({ task: "provision-grant" })).filter((j) => (j.payload as { grantId?: string }).grantId === grant.id)).toEqual([]);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);

  it("a grant that fails shows the reason, is retried by the queue with backoff, and is applied once the cause is gone", async () => {
    // No active contract yet, so the port's table cannot be created and the grant fails.
    const { producer, role, subscription, request } = await waitingSubscription({ contract: false });
    const worker = await startWorker();
    await decideApprovalStep(producer.owner, request.id, "approve", {});
    const failed = await until(async () => {
      const [grant] = await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } });
      return grant?.state === "failed" && grant;
    });
    expect(failed.lastError).toMatch(/has no active contract to create its table from/);
    expect(failed.attempts).toBe(1);
    // The queue records the failed attempt just after the grant does.
    const job = await until(async () => (await listFailedJobs({ task: "provision-grant" })).find((j) => (j.payload as { grantId?: string }).grantId === failed.id));
    expect(job).toMatchObject({ state: "retrying", attempts: 1 });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());

    await submitContractVersion(producer.owner, producer.port.id, { contract: tableContractYaml(producer.location, "1.0.0", ORDER_PROPERTIES) });
    // graphile-worker's first retry comes about e¹ ≈ 2.7 s after the failure.
    await until(async () => (await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state === "active", 30_000);
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ state: "applied", attempts: 2, lastError: null });
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: true, selectWorks: true });
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  }, 90_000);
});
