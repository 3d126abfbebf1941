import pg from "pg";
import { db, type Db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notifyGrantOutcome } from "@/lib/notifications/notify-grant";
import { now } from "@/lib/clock";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataPool, type Queryable } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { notFound } from "@/lib/errors";
import { applyKafkaAcls } from "./apply-kafka-acls";
import { describeAclBinding, planKafkaAcls } from "./plan-kafka-acls";
import { provisionTableAccess, type ProvisionResult } from "./provision-table-access";

export type AppliedGrant =
  | { outcome: "applied"; result: ProvisionResult | null; summary: string; subscriptionActivated: boolean }
  | { outcome: "not_supported"; reason: string; subscriptionActivated: boolean }
  | { outcome: "skipped"; reason: string };

export type GrantContext = { data?: Queryable; client?: Db; kafkaBrokers?: string[] };

// A grant's last error is shown to people; PostgreSQL's messages are short, a stack is not wanted there.
const MAX_ERROR_LENGTH = 1_000;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);

/** The words a grant the cluster refused carries: the UI and the API show them as they are. */
export const notSupportedByCluster = (reason: string) => `not supported by this cluster: ${reason}`.slice(0, MAX_ERROR_LENGTH);

/**
 * The provision job of one AccessGrant. A postgres_select grant brings its PostgreSQL role to SELECT on the subscribed
 * table port's table (creating the table from the port's active contract when it is not there yet); a kafka_acl grant
 * creates its planned ACL bindings (plan-kafka-acls.ts) on the cluster, and ends not_supported with the cluster's words
 * when the cluster refuses (no endless retry). The outcome is recorded in Meshwork's database in one transaction with
 * its audit events: the grant pending/failed → applied (appliedAt), and the subscription provisioning → active
 * (activatedAt) once every grant it has is applied or not supported. A failure marks the grant failed with the reason
 * and the attempt counted, audited, and is thrown again so the job queue retries it with backoff. Idempotent, so a job
 * run again after a crash grants nothing twice. A grant whose subscription is no longer approved is left alone.
 */
export async function applyAccessGrant(grantId: string, { data = dataPool(), client = db, kafkaBrokers }: GrantContext = {}): Promise<AppliedGrant> {
  const grant = await client.accessGrant.findUnique({
    where: { id: grantId },
    select: { id: true, kind: true, state: true, principal: true, target: true, subscription: { select: { id: true, state: true, portId: true } } },
  });
  if (!grant) throw notFound(`Access grant ${grantId}`);
  if (grant.state === "not_supported" || grant.state === "revoking" || grant.state === "revoked") return { outcome: "skipped", reason: `grant ${grant.id} is ${grant.state}` };
  const { subscription } = grant;
  if (subscription.state !== "provisioning" && subscription.state !== "active") return { outcome: "skipped", reason: `subscription ${subscription.id} is ${subscription.state}` };

  let result: ProvisionResult | null = null;
  let summary: string;
  try {
    if (grant.kind === "kafka_acl") {
      const bindings = planKafkaAcls({ principal: grant.principal, topic: grant.target });
      const outcome = await applyKafkaAcls(bindings, "create", kafkaBrokers ? { brokers: kafkaBrokers } : {});
      if (outcome.outcome === "not_supported") {
        const subscriptionActivated = await client.$transaction((tx) => recordNotSupported(tx, grant, outcome.reason));
        return { outcome: "not_supported", reason: outcome.reason, subscriptionActivated };
      }
      summary = `Created Kafka ACLs for ${grant.principal}: ${bindings.map(describeAclBinding).join("; ")}`;
    } else {
      // The grant acts on the location that was approved; the table is created from the port's contract only when it
      // is not there yet (one catalog lookup instead of the creation's own transaction on every grant).
      const { schema, table } = parseTableLocation(grant.target);
      const found = await data.query<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [`${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`]);
      if (!found.rows[0].ok) await createProductTable(subscription.portId, { data, client });
      result = await provisionTableAccess({ role: grant.principal, schema, table, access: "select" }, data);
      summary = `Granted SELECT on ${result.schema}.${result.table} to ${result.role}${result.changes.length > 0 ? `: ${result.changes.join(", ")}` : " (already in place)"}`;
    }
  } catch (error) {
    const message = errorText(error);
    await client.$transaction(async (tx) => {
      const failed = await tx.accessGrant.update({ where: { id: grantId }, data: { state: "failed", lastError: message, attempts: { increment: 1 } } });
      await recordAuditEvent(tx, null, {
        action: "grant.fail",
        entityType: "access_grant",
        entityId: grantId,
        summary: `Granting ${grant.kind === "kafka_acl" ? "Kafka ACLs" : "SELECT"} to ${grant.principal} failed (attempt ${failed.attempts}, retried with backoff): ${message}`,
        before: { state: grant.state },
        after: { state: failed.state, attempts: failed.attempts, lastError: message },
      });
      // Told once, at the first failure; the retries that follow are not news until one succeeds.
      if (grant.state !== "failed") await notifyGrantOutcome(tx, grantId, "failed", message);
    });
    throw error;
  }

  const changed = result === null || result.changes.length > 0;
  const subscriptionActivated = await client.$transaction((tx) => recordApplied(tx, grantId, subscription.id, summary, changed, result?.changes ?? []));
  return { outcome: "applied", result, summary, subscriptionActivated };
}

async function recordNotSupported(tx: Tx, grant: { id: string; state: string; principal: string; target: string; subscription: { id: string } }, reason: string): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${grant.subscription.id}::uuid FOR UPDATE`;
  const lastError = notSupportedByCluster(reason);
  await tx.accessGrant.update({ where: { id: grant.id }, data: { state: "not_supported", lastError, attempts: { increment: 1 } } });
  await recordAuditEvent(tx, null, {
    action: "grant.not_supported",
    entityType: "access_grant",
    entityId: grant.id,
    summary: `Kafka ACLs on ${grant.target} for ${grant.principal} not applied, ${lastError}`,
    before: { state: grant.state },
    after: { state: "not_supported", lastError },
  });
  await notifyGrantOutcome(tx, grant.id, "not_supported", lastError);
  return activateWhenDone(tx, grant.subscription.id, `the grants this cluster supports are applied (Kafka ACLs on ${grant.target}: not supported by this cluster)`);
}

async function recordApplied(tx: Tx, grantId: string, subscriptionId: string, summary: string, changed: boolean, changes: string[]): Promise<boolean> {
  // Locked as requestGrantProvisioning locks it: the subscription's state moves once, whichever grant finishes last.
  await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${subscriptionId}::uuid FOR UPDATE`;
  const before = await tx.accessGrant.findUniqueOrThrow({ where: { id: grantId }, select: { state: true, appliedAt: true } });
  const at = now();
  const grant = await tx.accessGrant.update({
    where: { id: grantId },
    data: { state: "applied", appliedAt: before.appliedAt ?? at, lastError: null, attempts: { increment: 1 } },
  });
  if (before.state !== "applied" || changed) {
    await recordAuditEvent(tx, null, {
      action: "grant.apply",
      entityType: "access_grant",
      entityId: grantId,
      summary,
      before: { state: before.state },
      after: { state: grant.state, changes },
    });
  }
  if (before.state !== "applied") await notifyGrantOutcome(tx, grantId, "applied", summary);
  return activateWhenDone(tx, subscriptionId, summary);
}

/** provisioning → active once every grant is applied or not supported by its cluster; in the caller's locked transaction. */
async function activateWhenDone(tx: Tx, subscriptionId: string, why: string): Promise<boolean> {
  const subscription = await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId }, select: { state: true, grants: { select: { state: true } } } });
  if (subscription.state !== "provisioning" || !subscription.grants.every((g) => g.state === "applied" || g.state === "not_supported")) return false;
  await tx.subscription.update({ where: { id: subscriptionId }, data: { state: "active", activatedAt: now() } });
  await recordAuditEvent(tx, null, {
    action: "subscription.activate",
    entityType: "subscription",
    entityId: subscriptionId,
    summary: `Subscription ${subscriptionId} is active: ${why}`,
    before: { state: "provisioning" },
    after: { state: "active" },
  });
  return true;
}
