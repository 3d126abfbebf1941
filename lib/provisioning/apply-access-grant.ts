import pg from "pg";
import { db, type Db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataPool, type Queryable } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { notFound } from "@/lib/errors";
import { provisionTableAccess, type ProvisionResult } from "./provision-table-access";

export type AppliedGrant =
  | { outcome: "applied"; result: ProvisionResult; subscriptionActivated: boolean }
  | { outcome: "skipped"; reason: string };

// A grant's last error is shown to people; PostgreSQL's messages are short, a stack is not wanted there.
const MAX_ERROR_LENGTH = 1_000;

/**
 * The provision job of one AccessGrant: brings the grant's PostgreSQL role to SELECT on the subscribed table port's
 * table (creating the table from the port's active contract when it is not there yet), then records the outcome in
 * Meshwork's database in one transaction with its audit events: the grant pending/failed → applied (appliedAt), and
 * the subscription provisioning → active (activatedAt) once every grant it has is applied or not supported. A failure
 * marks the grant failed with the reason and the attempt counted, audited, and is thrown again so the job queue
 * retries it with backoff; a later success moves it to applied. Idempotent (provisionTableAccess compares desired
 * with actual state), so a job run again after a crash grants nothing twice. A grant whose subscription is no longer
 * approved (rejected, cancelled) is left alone.
 */
export async function applyAccessGrant(grantId: string, { data = dataPool(), client = db }: { data?: Queryable; client?: Db } = {}): Promise<AppliedGrant> {
  const grant = await client.accessGrant.findUnique({
    where: { id: grantId },
    select: { id: true, kind: true, state: true, principal: true, target: true, subscription: { select: { id: true, state: true, portId: true } } },
  });
  if (!grant) throw notFound(`Access grant ${grantId}`);
  if (grant.kind !== "postgres_select" || grant.state === "not_supported") return { outcome: "skipped", reason: `a ${grant.kind} grant is not applied by this worker` };
  const { subscription } = grant;
  if (subscription.state !== "provisioning" && subscription.state !== "active") return { outcome: "skipped", reason: `subscription ${subscription.id} is ${subscription.state}` };

  let result: ProvisionResult;
  try {
    // The grant acts on the location that was approved; the table is created from the port's contract only when it
    // is not there yet (one catalog lookup instead of the creation's own transaction on every grant).
    const { schema, table } = parseTableLocation(grant.target);
    const found = await data.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [`${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`]);
    if (!found.rows[0].ok) await createProductTable(subscription.portId, { data, client });
    result = await provisionTableAccess({ role: grant.principal, schema, table, access: "select" }, data);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    await client.$transaction(async (tx) => {
      const failed = await tx.accessGrant.update({ where: { id: grantId }, data: { state: "failed", lastError: message, attempts: { increment: 1 } } });
      await recordAuditEvent(tx, null, {
        action: "grant.fail",
        entityType: "access_grant",
        entityId: grantId,
        summary: `Granting SELECT to ${grant.principal} failed (attempt ${failed.attempts}, retried with backoff): ${message}`,
        before: { state: grant.state },
        after: { state: failed.state, attempts: failed.attempts, lastError: message },
      });
    });
    throw error;
  }

  const subscriptionActivated = await client.$transaction((tx) => recordApplied(tx, grantId, subscription.id, result));
  return { outcome: "applied", result, subscriptionActivated };
}

async function recordApplied(tx: Tx, grantId: string, subscriptionId: string, result: ProvisionResult): Promise<boolean> {
  // Locked as requestGrantProvisioning locks it: the subscription's state moves once, whichever grant finishes last.
  await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${subscriptionId}::uuid FOR UPDATE`;
  const before = await tx.accessGrant.findUniqueOrThrow({ where: { id: grantId }, select: { state: true, appliedAt: true } });
  const at = now();
  const grant = await tx.accessGrant.update({
    where: { id: grantId },
    data: { state: "applied", appliedAt: before.appliedAt ?? at, lastError: null, attempts: { increment: 1 } },
  });
  if (before.state !== "applied" || result.changes.length > 0) {
    await recordAuditEvent(tx, null, {
      action: "grant.apply",
      entityType: "access_grant",
      entityId: grantId,
      summary: `Granted SELECT on ${result.schema}.${result.table} to ${result.role}${result.changes.length > 0 ? `: ${result.changes.join(", ")}` : " (already in place)"}`,
      before: { state: before.state },
      after: { state: grant.state, changes: result.changes },
    });
  }

  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { state: true, grants: { select: { state: true } } } });
  if (subscription.state !== "provisioning" || !subscription.grants.every((g) => g.state === "applied" || g.state === "not_supported")) return false;
  await tx.subscription.update({ where: { id: subscriptionId }, data: { state: "active", activatedAt: at } });
  await recordAuditEvent(tx, null, {
    action: "subscription.activate",
    entityType: "subscription",
    entityId: subscriptionId,
    summary: `Subscription ${subscriptionId} is active: ${result.role} can read ${result.schema}.${result.table}`,
    before: { state: "provisioning" },
    after: { state: "active" },
  });
  return true;
}
