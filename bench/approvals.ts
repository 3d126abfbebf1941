// Benchmark of access provisioning: 200 subscriptions to a table port, each approved (its last, here only, step) over
// HTTP by the owning team's owner, the worker (workers/main.ts) in its own process, "applied" observed with
// has_table_privilege from another connection. p50/p95/p99 from the final approval to the grant being visible, beside
// bare GRANTs on the same server in the same run (observed the same way) as the floor. Goal: p95 ≤ 250 ms.
//   npx tsx bench/approvals.ts [--count 200] [--warmup 5] [--via http|lib] [--port 3300]
// --via http (the default) needs a production build with the subscription routes (`npx next build`; hold
// /tmp/meshwork-e2e.lock where .next is shared); --via lib decides through decideSubscription in this process instead.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { prepareTestDatabase } from "@/lib/testing/test-database";
import { dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/test-roles";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: { count: { type: "string", default: "200" }, warmup: { type: "string", default: "5" }, via: { type: "string", default: "http" }, port: { type: "string", default: "3300" } },
});
const COUNT = Number(values.count);
const WARMUP = Number(values.warmup);
const VIA = values.via === "lib" ? "lib" : "http";
const base = `http://127.0.0.1:${values.port}`;
// Roles are cluster-wide: the bench makes its own under a prefix of its own, as tests do, and drops them at the end.
const PREFIX = testRolePrefix();

type Stats = { p50: number; p95: number; p99: number; mean: number; max: number };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/** Polls, from its own connection, until `role` can SELECT from `table`; returns when it first sees it. */
async function untilPrivilege(observer: pg.Client, role: string, table: string, timeoutMs = 30_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await observer.query<{ ok: boolean }>(
      "SELECT coalesce((SELECT has_table_privilege(r.oid, $2::regclass, 'SELECT') FROM pg_roles r WHERE r.rolname = $1), false) AS ok",
      [role, table],
    );
    if (rows[0].ok) return performance.now();
    if (performance.now() > end) throw new Error(`${role} still cannot read ${table} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Polls, from the same connection, until the subscription is recorded active in Meshwork's database. */
async function untilActive(observer: pg.Client, id: string, timeoutMs = 30_000): Promise<number> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await observer.query<{ state: string }>("SELECT state::text FROM subscription WHERE id = $1", [id]);
    if (rows[0]?.state === "active") return performance.now();
    if (performance.now() > end) throw new Error(`subscription ${id} is still ${rows[0]?.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("[workers] ready")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`the worker exited (${code}):\n${output}`)));
  });
}

async function main() {
  if (VIA === "http" && !existsSync(path.join(ROOT, ".next/BUILD_ID"))) throw new Error("No production build (.next/BUILD_ID): run `npx next build` first, or use --via lib.");
  const database = await prepareTestDatabase("bench_approvals");
  const url = database.url;
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`Refusing to benchmark against a non-local database (${host}).`);
  process.env.DATABASE_URL = url;
  process.env.MESHWORK_DEMO = "on";
  process.env.MESHWORK_ROLE_PREFIX = PREFIX;
  const { db } = await import("@/lib/db");
  const { createUser, createOwnedTeam } = await import("@/lib/testing/fixtures");
  const { tablePortWithContract } = await import("@/lib/testing/table-port-fixture");
  const { createTeam } = await import("@/lib/org/create-team");
  const { setTeamMember } = await import("@/lib/org/set-team-member");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const { createProductTable } = await import("@/lib/data-tables/create-product-table");
  const { closeDataPool } = await import("@/lib/data-tables/data-database");
  const { teamRoleName } = await import("@/lib/provisioning/team-role-name");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const { changeProductStatus } = await import("@/lib/catalog/change-product-status");

  const children: ChildProcess[] = [];
  const observer = new pg.Client({ connectionString: url, application_name: "bench observer" });
  const granter = new pg.Client({ connectionString: url, application_name: "bench bare grant" });
  await observer.connect();
  await granter.connect();
  try {
    // A producer's internal table port that is not self-service: each request needs its owning team's one approval.
    const setupStarted = performance.now();
    const admin = await createUser({ role: "admin" });
    const producer = await tablePortWithContract(admin, { schema: "bench_data" });
    await changeProductStatus(producer.owner, producer.product.urn, { status: "published" });
    await db.port.update({ where: { id: producer.port.id }, data: { selfService: false } });
    const table = await createProductTable(producer.port.id);
    const qualified = `${table.schema}.${table.table}`;
    const consumer = await createOwnedTeam(admin);
    const requester = consumer.member;
    const total = COUNT + WARMUP;
    const teams: { id: string; slug: string; role: string }[] = [];
    for (let i = 0; i < total; i++) {
      const team = await createTeam(admin, { domain: consumer.domain.slug, slug: `bench-consumer-${i}`, name: `Bench consumer ${i}` });
      await setTeamMember(admin, team.id, { email: requester.email, role: "member" });
      teams.push({ id: team.id, slug: team.slug, role: teamRoleName(team.slug, PREFIX) });
    }
    const requesterActor = (await loadActor(requester.id))!;
    const ownerActor = (await loadActor(producer.owner.id))!;
    const requesterToken = (await createApiToken(requesterActor, { name: "bench requester" })).token;
    const ownerToken = (await createApiToken(ownerActor, { name: "bench approver" })).token;
    console.log(`Set up ${total} consumer teams for one requester and a table port ${qualified} in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

    const env = { ...process.env, DATABASE_URL: url, MESHWORK_DEMO: "on", MESHWORK_ROLE_PREFIX: PREFIX, NEXT_TELEMETRY_DISABLED: "1" };
    const worker = await startWorker(env);
    children.push(worker);
    let server: ChildProcess | undefined;
    if (VIA === "http") {
      server = spawn("npx", ["next", "start", "-p", values.port!], { cwd: ROOT, env, stdio: "ignore", detached: true });
      children.push(server);
      await waitFor(`${base}/api/health`);
    }

    // The requests, all waiting for their owner step (not measured).
    const portRef = `${producer.product.urn}:${producer.port.name}`;
    const subscriptionIds: string[] = [];
    const { requestSubscription } = await import("@/lib/subscriptions/request-subscription");
    for (const team of teams) {
      const input = { port: producer.port.id, consumerTeam: team.id, purpose: "Benchmark: weekly order report", durationDays: 30 };
      if (VIA === "http") {
        const response = await fetch(`${base}/api/v1/subscriptions`, {
          method: "POST",
          headers: { authorization: `Bearer ${requesterToken}`, "content-type": "application/json", "idempotency-key": `bench-${team.id}` },
          body: JSON.stringify(input),
        });
        const body = (await response.json()) as { id?: string; state?: string; subscription?: { id: string; state: string } };
        const created = body.subscription ?? body;
        if (!response.ok || !created.id) throw new Error(`POST /api/v1/subscriptions answered ${response.status}: ${JSON.stringify(body)}`);
        if (created.state !== "pending_approval") throw new Error(`a request to ${portRef} should wait for its owner, but is ${created.state}`);
        subscriptionIds.push(created.id);
      } else {
        const { subscription } = await requestSubscription(requesterActor, input, { idempotencyKey: `bench-${team.id}` });
        if (subscription.state !== "pending_approval") throw new Error(`a request to ${portRef} should wait for its owner, but is ${subscription.state}`);
        subscriptionIds.push(subscription.id);
      }
    }
    const { decideSubscription } = await import("@/lib/subscriptions/decide-subscription");

    // The floor: bare GRANTs to fresh roles on the same table, from one connection, seen from the observer's.
    const floorRoles = Array.from({ length: total }, (_, i) => `${PREFIX}floor_${i}`);
    for (const role of floorRoles) await granter.query(`CREATE ROLE ${pg.escapeIdentifier(role)} NOLOGIN`);
    await granter.query(`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(table.schema)} TO ${floorRoles.map((r) => pg.escapeIdentifier(r)).join(", ")}`);
    const floor: number[] = [];
    for (const [i, role] of floorRoles.entries()) {
      const t0 = performance.now();
      await granter.query(`GRANT SELECT ON ${table.qualifiedName} TO ${pg.escapeIdentifier(role)}`);
      const seen = await untilPrivilege(observer, role, qualified);
      if (i >= WARMUP) floor.push(seen - t0);
    }

    // Each final approval, one after another: sent → answered (committed) → has_table_privilege true elsewhere.
    const fromSent: number[] = [];
    const fromAnswered: number[] = [];
    const answer: number[] = [];
    const toActive: number[] = [];
    const loadBefore = os.loadavg()[0];
    const measuredStarted = performance.now();
    for (const [i, id] of subscriptionIds.entries()) {
      const t0 = performance.now();
      if (VIA === "http") {
        const response = await fetch(`${base}/api/v1/subscriptions/${id}/approve`, {
          method: "POST",
          headers: { authorization: `Bearer ${ownerToken}`, "content-type": "application/json" },
          body: JSON.stringify({ comment: "ok" }),
        });
        if (!response.ok) throw new Error(`POST /api/v1/subscriptions/${id}/approve answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      } else {
        await decideSubscription(ownerActor, id, "approve", { comment: "ok" });
      }
      const t1 = performance.now();
      const seen = await untilPrivilege(observer, teams[i].role, qualified);
      const recorded = await untilActive(observer, id);
      if (i >= WARMUP) {
        fromSent.push(seen - t0);
        fromAnswered.push(seen - t1);
        answer.push(t1 - t0);
        toActive.push(recorded - t0);
      }
    }
    const measuredSeconds = (performance.now() - measuredStarted) / 1000;
    const load = { before: loadBefore, after: os.loadavg()[0] };

    // Everything the worker did is recorded: every grant applied once, every subscription active.
    const grants = await db.accessGrant.groupBy({ by: ["state"], where: { subscriptionId: { in: subscriptionIds } }, _count: { _all: true } });
    const grantEvents = await db.auditEvent.count({ where: { action: "grant.apply", entityType: "access_grant" } });
    const activeCount = await db.subscription.count({ where: { id: { in: subscriptionIds }, state: "active" } });

    const result = { floor: stats(floor), fromSent: stats(fromSent), fromAnswered: stats(fromAnswered), answer: stats(answer), toActive: stats(toActive) };
    const fmt = (n: number) => n.toFixed(1).padStart(9);
    console.log(`\nFinal approval → grant applied, ${COUNT} subscriptions (after ${WARMUP} warm-up), one at a time, via ${VIA === "http" ? "HTTP (next start)" : "decideSubscription in-process"}; worker in its own process; observed with has_table_privilege from another connection\n`);
    console.log("".padEnd(46), "p50 ms".padStart(9), "p95 ms".padStart(9), "p99 ms".padStart(9), "mean ms".padStart(9), "max ms".padStart(9));
    const rows: [string, Stats][] = [
      ["bare GRANT → visible (floor)", result.floor],
      [`approve ${VIA === "http" ? "sent" : "called"} → applied`, result.fromSent],
      [`approve ${VIA === "http" ? "answered" : "returned"} → applied`, result.fromAnswered],
      [`approve ${VIA === "http" ? "sent → answered" : "call"} (the decision itself)`, result.answer],
      [`approve ${VIA === "http" ? "sent" : "called"} → subscription recorded active`, result.toActive],
    ];
    for (const [label, s] of rows) console.log(label.padEnd(46), fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.mean), fmt(s.max));
    const ratio = { p50: result.fromSent.p50 / result.floor.p50, p95: result.fromSent.p95 / result.floor.p95, p99: result.fromSent.p99 / result.floor.p99 };
    console.log(`\nApproval → applied vs the bare GRANT floor: ${ratio.p50.toFixed(1)}× at p50, ${ratio.p95.toFixed(1)}× at p95, ${ratio.p99.toFixed(1)}× at p99`);
    console.log(`Grants: ${grants.map((g) => `${g._count._all} ${g.state}`).join(", ")} (${grantEvents} grant.apply audit events); ${activeCount} of ${total} subscriptions active; ${(total / measuredSeconds).toFixed(1)} approvals/s one at a time`);
    const met = result.fromSent.p95 <= 250;
    console.log(`Goal p95 ≤ 250 ms from the final approval: ${met ? "met" : "NOT met"} (p95 ${result.fromSent.p95.toFixed(1)} ms); load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after`);
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(
      path.join(ROOT, "bench/results/approvals.json"),
      JSON.stringify({ at: new Date().toISOString(), count: COUNT, warmup: WARMUP, via: VIA, load, ...result, ratio, grants: Object.fromEntries(grants.map((g) => [g.state, g._count._all])), goalMet: met }, null, 2),
    );
    console.log("Figures written to bench/results/approvals.json");
  } finally {
    for (const child of children.reverse()) {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 1_000));
    await observer.end();
    await granter.end();
    await closeDataPool();
    await db.$disconnect();
    await dropRolesWithPrefix(url, PREFIX).catch((error: Error) => console.error(`dropping the bench roles: ${error.message}`));
    await database.drop().catch((error: Error) => console.error(`dropping the bench database: ${error.message}`));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
