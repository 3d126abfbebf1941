import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { dataPool, type Queryable } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { notify } from "@/lib/notifications/notify";
import { provisionTableAccess } from "./provision-table-access";
import { grantJobKey } from "./request-grant-provisioning";
import { justifyingGrant } from "./revoke-access-grant";

export type Repair = { repair: "restored" | "removed" | "retried"; principal: string; target: string; grantId: string | null; detail: string };

const OPEN = ["provisioning", "active"] as const;
const MAX_BACKOFF_S = 3_600;

/** The retry delay after `attempts` failures: 2, 4, 8… seconds, at most an hour. */
export const retryBackoffSeconds = (attempts: number) => Math.min(2 ** Math.max(1, attempts), MAX_BACKOFF_S);

type Options = { runId?: string; data?: Queryable; client?: Db; rolePrefix?: string };

/**
 * Compares what subscriptions grant with what PostgreSQL says, and repairs the difference, each repair an audit event
 * (grant.repair) and a notification:
 *  - an applied grant whose role can no longer read its table (dropped by hand) is granted again;
 *  - a direct SELECT on a product table (a table port's location) held by a consumer team role in Meshwork's managed
 *    prefix (`<MESHWORK_ROLE_PREFIX>team_`) that no open subscription justifies is revoked — other roles and tables are not
 *    subscriptions' to take away;
 *  - a failed or revoking grant whose job is gone or out of attempts is enqueued again, after a backoff.
 * The actual privileges are read before the subscriptions' grants, so a grant being applied right now is never
 * mistaken for an unjustified one; a restore re-checks its grant under the subscription's lock.
 */
export async function reconcileGrants({ runId, data = dataPool(), client = db, rolePrefix = env.MESHWORK_ROLE_PREFIX }: Options = {}) {
  const run = runId
    ? await client.reconciliationRun.update({ where: { id: runId }, data: { startedAt: now() } })
    : await client.reconciliationRun.create({ data: { trigger: "schedule", requestedAt: now(), startedAt: now() } });
  const repairs: Repair[] = [];
  let checked = 0;
  try {
    const productTables = new Set(
      (await client.port.findMany({ where: { type: "table", direction: "output", location: { not: null } }, select: { location: true } })).flatMap((p) => {
        try {
          const { schema, table } = parseTableLocation(p.location);
          return [`${schema}.${table}`];
        } catch {
          return [];
        }
      }),
    );
    const actual = await data.query<{ role: string; schema: string; table: string }>(
      `SELECT r.rolname AS role, n.nspname AS schema, c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee
       WHERE a.privilege_type = 'SELECT' AND starts_with(r.rolname, $1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      // Consumer teams' roles only (<prefix>team_<slug>): other roles under the prefix (a quality checker's) are not grants of subscriptions.
      [`${rolePrefix}team_`],
    );
    const live = await client.accessGrant.findMany({
      where: { state: { in: ["pending", "applied", "failed"] }, subscription: { state: { in: [...OPEN] } } },
      select: { id: true, kind: true, state: true, principal: true, target: true, attempts: true, updatedAt: true, subscriptionId: true, subscription: { select: { consumerTeamId: true, requesterId: true } } },
    });
    checked = live.length;
    const justified = new Set(live.filter((g) => g.kind === "postgres_select").map((g) => `${g.principal}|${g.target}`));

    for (const extra of actual.rows) {
      const target = `${extra.schema}.${extra.table}`;
      if (!productTables.has(target) || justified.has(`${extra.role}|${target}`)) continue;
      if (await justifyingGrant(client, { id: "00000000-0000-0000-0000-000000000000", kind: "postgres_select", principal: extra.role, target })) continue;
      const result = await provisionTableAccess({ role: extra.role, schema: extra.schema, table: extra.table, access: "none" }, data);
      if (result.changes.length === 0) continue;
      const repair: Repair = { repair: "removed", principal: extra.role, target, grantId: null, detail: `No open subscription grants ${extra.role} access to ${target}: ${result.changes.join(", ")}` };
      repairs.push(repair);
      await client.$transaction(async (tx) => {
        await recordRepair(tx, run.id, repair);
        const owner = await tx.port.findFirst({ where: { type: "table", location: target }, select: { dataProduct: { select: { teamId: true, urn: true } } } });
        if (owner) await notify(tx, { kind: "reconciliation.repaired", title: `Access to ${target} that no subscription grants was removed from ${extra.role}`, body: repair.detail, link: "/subscriptions/reconciliation", data: { ...repair, runId: run.id }, recipients: { teamIds: [owner.dataProduct.teamId] } });
      });
    }

    const applied = live.filter((g) => g.kind === "postgres_select" && g.state === "applied");
    const locations = applied.map((g) => parseTableLocation(g.target));
    const reading = applied.length === 0 ? { rows: [] as { id: string; ok: boolean }[] } : await data.query<{ id: string; ok: boolean }>(
      `SELECT g.id, coalesce((SELECT has_table_privilege(r.oid, c.oid, 'SELECT') AND has_schema_privilege(r.oid, n.oid, 'USAGE')
                              FROM pg_roles r, pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid
                              WHERE r.rolname = g.principal AND n.nspname = g.schema AND c.relname = g.tbl), false) AS ok
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS g(id, principal, schema, tbl)`,
      [applied.map((g) => g.id), applied.map((g) => g.principal), locations.map((l) => l.schema), locations.map((l) => l.table)],
    );
    for (const missing of reading.rows.filter((r) => !r.ok)) {
      const grant = applied.find((g) => g.id === missing.id)!;
      const repair = await client.$transaction(async (tx) => {
        // Under the subscription's lock: a revocation committed meanwhile is seen, and one starting now waits for us.
        await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${grant.subscriptionId}::uuid FOR UPDATE`;
        const current = await tx.accessGrant.findUnique({ where: { id: grant.id }, select: { state: true, subscription: { select: { state: true } } } });
        if (current?.state !== "applied" || !OPEN.includes(current.subscription.state as (typeof OPEN)[number])) return null;
        const { schema, table } = parseTableLocation(grant.target);
        const result = await provisionTableAccess({ role: grant.principal, schema, table, access: "select" }, data);
        if (result.changes.length === 0) return null;
        const repair: Repair = { repair: "restored", principal: grant.principal, target: grant.target, grantId: grant.id, detail: `${grant.principal} had lost its access to ${grant.target}: ${result.changes.join(", ")}` };
        await recordRepair(tx, run.id, repair);
        await notify(tx, { kind: "reconciliation.repaired", title: `Access to ${grant.target} for ${grant.principal} was restored`, body: repair.detail, link: "/subscriptions", data: { ...repair, runId: run.id, subscriptionId: grant.subscriptionId }, recipients: { teamIds: [grant.subscription.consumerTeamId] } });
        return repair;
      });
      if (repair) repairs.push(repair);
    }

    repairs.push(...(await retryStalledGrants(client, run.id)));
    await client.reconciliationRun.update({ where: { id: run.id }, data: { finishedAt: now(), checked, repairs: repairs.length } });
  } catch (error) {
    await client.reconciliationRun.update({ where: { id: run.id }, data: { finishedAt: now(), checked, repairs: repairs.length, error: (error instanceof Error ? error.message : String(error)).slice(0, 1_000) } });
    throw error;
  }
  return { runId: run.id, checked, repairs };
}

/** Failed, pending or revoking grants of which no job is left waiting (gone, or out of attempts): enqueued again after a backoff. */
async function retryStalledGrants(client: Db, runId: string): Promise<Repair[]> {
  const stalled = await client.$queryRaw<{ id: string; kind: string; state: string; principal: string; target: string; attempts: number; updatedAt: Date; portId: string; teamId: string }[]>(Prisma.sql`
    SELECT g.id, g.kind::text AS kind, g.state::text AS state, g.principal, g.target, g.attempts, g.updated_at AS "updatedAt", s.port_id AS "portId", s.consumer_team_id AS "teamId"
    FROM access_grant g JOIN subscription s ON s.id = g.subscription_id
    WHERE ((g.state IN ('failed', 'pending') AND s.state IN ('provisioning', 'active')) OR g.state = 'revoking')
      AND g.updated_at < now() - interval '30 seconds'
      AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = 'provision-grant:' || g.id::text AND j.attempts < j.max_attempts)`);
  const repairs: Repair[] = [];
  for (const grant of stalled) {
    const runAt = new Date(Math.max(Date.now(), grant.updatedAt.getTime() + retryBackoffSeconds(grant.attempts) * 1_000));
    const action = grant.state === "revoking" ? "revoke" : "grant";
    const repair: Repair = { repair: "retried", principal: grant.principal, target: grant.target, grantId: grant.id, detail: `${action === "revoke" ? "Revoking" : "Applying"} ${grant.kind === "kafka_acl" ? "Kafka ACLs" : "SELECT"} on ${grant.target} for ${grant.principal} had no job left (after ${grant.attempts} attempts): tried again from ${runAt.toISOString()}` };
    await client.$transaction(async (tx) => {
      await enqueueJob(tx, "provision-grant", { action, portId: grant.portId, teamId: grant.teamId, grantId: grant.id }, { jobKey: grantJobKey(grant.id), runAt });
      await recordRepair(tx, runId, repair);
    });
    repairs.push(repair);
  }
  return repairs;
}

async function recordRepair(tx: Tx, runId: string, repair: Repair): Promise<void> {
  await recordAuditEvent(tx, null, {
    action: "grant.repair",
    entityType: repair.grantId ? "access_grant" : "postgres_grant",
    entityId: repair.grantId ?? `${repair.principal}@${repair.target}`,
    summary: repair.detail,
    after: { ...repair, runId },
  });
}
