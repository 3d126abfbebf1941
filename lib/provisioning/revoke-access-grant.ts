import { db, type Db, type Tx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { dataPool, type Queryable } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { notFound } from "@/lib/errors";
import { applyKafkaAcls } from "./apply-kafka-acls";
import { planKafkaAcls } from "./plan-kafka-acls";
import { provisionTableAccess } from "./provision-table-access";

export type RevokedGrant = { outcome: "revoked"; changes: string[]; keptFor: string | null } | { outcome: "skipped"; reason: string };

/** Another live grant (an open subscription's) giving the same principal the same access: then nothing is taken away. */
export async function justifyingGrant(client: Db | Tx, grant: { id: string; kind: "postgres_select" | "kafka_acl"; principal: string; target: string }) {
  return client.accessGrant.findFirst({
    where: { id: { not: grant.id }, kind: grant.kind, principal: grant.principal, target: grant.target, state: { in: ["pending", "applied", "failed"] }, subscription: { state: { in: ["provisioning", "active"] } } },
    select: { id: true, subscriptionId: true },
  });
}

/**
 * The revoke job of one AccessGrant whose subscription ended (expired, revoked, ended, renewed): the role loses SELECT on
 * the table, or the principal's ACL bindings are deleted, unless another open subscription still grants the same (a
 * renewal, for one). The grant becomes revoked with an audit event; a failure is recorded and thrown, to be retried.
 */
export async function revokeAccessGrant(grantId: string, { data = dataPool(), client = db, kafkaBrokers }: { data?: Queryable; client?: Db; kafkaBrokers?: string[] } = {}): Promise<RevokedGrant> {
  const grant = await client.accessGrant.findUnique({ where: { id: grantId }, select: { id: true, kind: true, state: true, principal: true, target: true, subscriptionId: true } });
  if (!grant) throw notFound(`Access grant ${grantId}`);
  if (grant.state !== "revoking") return { outcome: "skipped", reason: `grant ${grant.id} is ${grant.state}` };
  const keeper = await justifyingGrant(client, grant);
  let changes: string[] = [];
  try {
    if (!keeper && grant.kind === "postgres_select") {
      const { schema, table } = parseTableLocation(grant.target);
      changes = (await provisionTableAccess({ role: grant.principal, schema, table, access: "none" }, data)).changes;
    } else if (!keeper) {
      const outcome = await applyKafkaAcls(planKafkaAcls({ principal: grant.principal, topic: grant.target }), "delete", kafkaBrokers ? { brokers: kafkaBrokers } : {});
      changes = outcome.outcome === "applied" ? ["deleted its Kafka ACL bindings"] : [`nothing to delete (${outcome.reason})`];
    }
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    await client.$transaction(async (tx) => {
      const failed = await tx.accessGrant.update({ where: { id: grantId }, data: { lastError: message, attempts: { increment: 1 } } });
      await recordAuditEvent(tx, null, { action: "grant.revoke_fail", entityType: "access_grant", entityId: grantId, summary: `Taking ${grant.principal}'s access to ${grant.target} away failed (attempt ${failed.attempts}, retried with backoff): ${message}`, after: { lastError: message } });
    });
    throw error;
  }
  await client.$transaction(async (tx) => {
    const { count } = await tx.accessGrant.updateMany({ where: { id: grantId, state: "revoking" }, data: { state: "revoked", lastError: null } });
    if (count === 0) return;
    await recordAuditEvent(tx, null, {
      action: "grant.revoke",
      entityType: "access_grant",
      entityId: grantId,
      summary: keeper
        ? `${grant.principal} keeps its access to ${grant.target}: subscription ${keeper.subscriptionId} still grants it`
        : `Took ${grant.principal}'s access to ${grant.target} away${changes.length > 0 ? `: ${changes.join(", ")}` : " (it had none left)"}`,
      before: { state: "revoking" },
      after: { state: "revoked", changes, keptFor: keeper?.subscriptionId ?? null },
    });
  });
  return { outcome: "revoked", changes, keptFor: keeper?.subscriptionId ?? null };
}
