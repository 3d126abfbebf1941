import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setClock } from "@/lib/clock";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { renewSubscription } from "@/lib/subscriptions/renew-subscription";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { revokeSubscription } from "@/lib/subscriptions/revoke-subscription";
import { consumerTeam, publishedProduct } from "@/lib/subscriptions/subscription-fixtures";
import { createUser } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { until as untilWithin, workerProcesses, type WorkerProcess } from "@/lib/testing/worker-process";

// The tests through the real worker process (workers/main.ts) on a controlled clock (MESHWORK_CLOCK): a reminder,
// then expiry revoking the grant (checked by reading as the role), renewal restoring it; revocation by the owner; and
// drift repaired by the scheduled reconciliation.
const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
const DAY = 86_400_000;
let admin: Actor;
let sql: pg.Client;

const workers = workerProcesses({
  MESHWORK_ROLE_PREFIX: prefix,
  MESHWORK_WORKERS: "provisioning,lifecycle",
  MESHWORK_LIFECYCLE_EVERY_SECONDS: "0.5",
  MESHWORK_RECONCILE_EVERY_SECONDS: "1",
});
// The worker acts on its own schedule (every 0.5 s and 1 s here): wait up to 30 s, looking every 100 ms.
const until = <T,>(read: () => Promise<T | undefined | false>) => untilWithin(read, 30_000, 100);
const startWorker = (clock: string) => workers.start({ MESHWORK_CLOCK: clock });

async function stopWorker(worker: WorkerProcess) {
  worker.child.kill("SIGTERM");
  expect(await worker.exited).toBe(0);
}

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  sql = new pg.Client({ connectionString: url() });
  await sql.connect();
});
afterAll(async () => {
  workers.killAll();
  await sql.query("DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%' OR key LIKE 'reconcile-grants:%' OR key = 'subscription-lifecycle'");
  await sql.end();
  resetClock();
  await closeDataPool();
  await dropRolesWithPrefix(url(), prefix);
});

/** An active 10-day subscription of a consumer team (role under this file's prefix) to a table port, its grant applied. */
async function activeSubscription() {
  const producer = await publishedProduct(admin);
  const consumers = await consumerTeam(admin);
  const role = teamRoleName(consumers.team.slug, prefix);
  await db.team.update({ where: { id: consumers.team.id }, data: { postgresRole: role } });
  const { subscription } = await requestSubscription(consumers.member, { port: producer.port.id, consumerTeam: consumers.team.id, purpose: "Weekly churn report", durationDays: 10 });
  await applyAccessGrant(subscription.grants[0].id);
  const [schema, table] = producer.location.split(".");
  const readable = () => canRead(url(), role, schema, table);
  expect(await readable()).toEqual({ privilege: true, selectWorks: true });
  return { ...producer, consumers, role, schema, table, readable, subscription };
}

const stateOf = async (id: string) => (await db.subscription.findUniqueOrThrow({ where: { id } })).state;
const notice = (userId: string, kind: string) => db.notification.findFirst({ where: { userId, kind }, orderBy: { createdAt: "asc" } });

describe("the lifecycle worker, as its own process on a controlled clock", () => {
  it("reminds first, expires at the end date (the role can no longer read), and a renewal restores access", async () => {
    const s = await activeSubscription();
    const ready = performance.now();

    // Five days on: within the 14-day lead time, before the end.
    const early = await startWorker("+5d");
    await until(async () => (await db.subscription.findUniqueOrThrow({ where: { id: s.subscription.id } })).remindedAt);
    console.log(`worker start → reminder: ${(performance.now() - ready).toFixed(0)} ms`);
    expect(await notice(s.consumers.member.id, "subscription.expiring")).toMatchObject({ title: expect.stringMatching(/expires in [45] days/) });
    expect(await stateOf(s.subscription.id)).toBe("active");
    expect((await s.readable()).selectWorks).toBe(true);
    await stopWorker(early);

    // Eleven days on: past the end date.
    const late = await startWorker("+11d");
    const t0 = performance.now();
    await until(async () => (await stateOf(s.subscription.id)) === "expired");
    await until(async () => (await db.accessGrant.findFirstOrThrow({ where: { subscriptionId: s.subscription.id } })).state === "revoked");
    console.log(`worker start (+11d) → expired and revoked: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(await s.readable()).toEqual({ privilege: false, selectWorks: false });
    const reminder = await notice(s.consumers.member.id, "subscription.expiring");
    const expiry = await notice(s.consumers.member.id, "subscription.expired");
    expect(expiry).not.toBeNull();
    expect(reminder!.createdAt.getTime()).toBeLessThan(expiry!.createdAt.getTime());
    expect(await db.auditEvent.count({ where: { entityId: s.subscription.id, action: { in: ["subscription.remind", "subscription.expire"] } } })).toBe(2);

    // The consumer renews on the same clock as the worker; the self-service port approves at once, the worker grants.
    setClock(new Date(Date.now() + 11 * DAY), { running: true });
    try {
      const renewal = await renewSubscription(s.consumers.member, s.subscription.id, {});
      expect(renewal).toMatchObject({ state: "provisioning", renewsId: s.subscription.id });
      await until(async () => (await stateOf(renewal.id)) === "active");
      expect(await s.readable()).toEqual({ privilege: true, selectWorks: true });
    } finally {
      resetClock();
    }
    await stopWorker(late);
  }, 180_000);

  it("revocation by the owner: the worker takes the grant away and the consumer is notified", async () => {
    const s = await activeSubscription();
    const worker = await startWorker("+0d");
    await revokeSubscription(s.producers.owner, s.subscription.id, { reason: "Access review: no longer needed" });
    await until(async () => (await db.accessGrant.findFirstOrThrow({ where: { subscriptionId: s.subscription.id } })).state === "revoked");
    expect(await s.readable()).toEqual({ privilege: false, selectWorks: false });
    expect(await notice(s.consumers.member.id, "subscription.revoked")).toMatchObject({ body: expect.stringContaining("Access review") });
    await stopWorker(worker);
  }, 120_000);

  it("drift: a grant dropped by hand is restored, one added by hand is removed, by the scheduled reconciliation", async () => {
    const s = await activeSubscription();
    const stray = `${prefix}team_by_hand`;
    const qualified = `${pg.escapeIdentifier(s.schema)}.${pg.escapeIdentifier(s.table)}`;
    const worker = await startWorker("+0d");
    await sql.query(`REVOKE SELECT ON ${qualified} FROM ${pg.escapeIdentifier(s.role)}`);
    expect((await s.readable()).selectWorks).toBe(false);
    const t0 = performance.now();
    await until(async () => (await s.readable()).selectWorks);
    console.log(`grant dropped by hand → restored by the worker: ${(performance.now() - t0).toFixed(0)} ms`);

    await sql.query(`CREATE ROLE ${pg.escapeIdentifier(stray)} NOLOGIN`);
    await sql.query(`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(s.schema)} TO ${pg.escapeIdentifier(stray)}`);
    await sql.query(`GRANT SELECT ON ${qualified} TO ${pg.escapeIdentifier(stray)}`);
    expect((await canRead(url(), stray, s.schema, s.table)).selectWorks).toBe(true);
    await until(async () => !(await canRead(url(), stray, s.schema, s.table)).selectWorks);
    // The repair's audit event commits just after PostgreSQL's change.
    await until(async () => (await db.auditEvent.count({ where: { action: "grant.repair", summary: { contains: s.location } } })) >= 2);
    // The worker logs the run after it commits, so its line may reach our pipe a moment after the audit event.
    const repaired = /reconciliation .* restored .*removed|reconciliation .* removed/s;
    await until(async () => repaired.test(worker.output()));
    expect(worker.output()).toMatch(repaired);
    await stopWorker(worker);
  }, 120_000);
});
