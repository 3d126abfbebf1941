import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { conflict, notFound } from "@/lib/errors";
import type { AccessGrant, GrantKind } from "@/lib/generated/prisma/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { teamKafkaPrincipal, teamPostgresRole } from "./team-principals";

/** The job key of a grant's provision job: at most one waiting job per grant, however often provisioning is asked for. */
export const grantJobKey = (grantId: string) => `provision-grant:${grantId}`;

export type GrantProvisioning = {
  grants: AccessGrant[];
  /** The grants for which a provision job was enqueued in this transaction. */
  enqueued: string[];
  /** True when nothing is left to apply, so the subscription became (or already was) active. */
  active: boolean;
};

/**
 * What an approved subscription changes in the infrastructure, written in the caller's transaction: its AccessGrant
 * rows (a table port → postgres_select to the consumer team's PostgreSQL role on the port's `<schema>.<table>`; a topic
 * port → kafka_acl for the team's Kafka principal on the topic, see plan-kafka-acls.ts) and one provision job per
 * pending grant (the outbox: the job exists exactly when the approval commits). With
 * no pending grant left, the subscription is active at once. Idempotent: called again it creates no second grant and
 * enqueues no second waiting job. The caller has already moved the subscription to provisioning (onApproved).
 */
export async function requestGrantProvisioning(tx: Tx, subscriptionId: string, actor: Actor | null = null): Promise<GrantProvisioning> {
  // One query that also takes the row lock (ordering this against the worker's own update of the subscription):
  // this runs inside the deciding transaction, where every round trip is time the approver waits.
  const [subscription] = await tx.$queryRaw<
    { state: string; portId: string; portType: string; portName: string; location: string | null; urn: string; teamId: string; slug: string; postgresRole: string | null; kafkaPrincipal: string | null }[]
  >`
    SELECT s.state::text AS state, p.id AS "portId", p.type::text AS "portType", p.name AS "portName", p.location, d.urn,
           t.id AS "teamId", t.slug, t.postgres_role AS "postgresRole", t.kafka_principal AS "kafkaPrincipal"
    FROM subscription s JOIN port p ON p.id = s.port_id JOIN data_product d ON d.id = p.data_product_id JOIN team t ON t.id = s.consumer_team_id
    WHERE s.id = ${subscriptionId}::uuid
    FOR UPDATE OF s`;
  if (!subscription) throw notFound(`Subscription ${subscriptionId}`);
  if (subscription.state !== "provisioning" && subscription.state !== "active") {
    throw conflict(`Subscription ${subscriptionId} is ${subscription.state}: only an approved (provisioning) subscription is provisioned.`);
  }
  const port = { id: subscription.portId, type: subscription.portType, name: subscription.portName, location: subscription.location, dataProduct: { urn: subscription.urn } };
  const team = { id: subscription.teamId, slug: subscription.slug, postgresRole: subscription.postgresRole, kafkaPrincipal: subscription.kafkaPrincipal };
  const existing = await tx.accessGrant.findMany({ where: { subscriptionId } });
  const kind: GrantKind = port.type === "table" ? "postgres_select" : "kafka_acl";
  const grants = [...existing];
  if (!grants.some((g) => g.kind === kind)) {
    const grant = await tx.accessGrant.create({
      data: { subscriptionId, kind, principal: kind === "postgres_select" ? teamPostgresRole(team) : teamKafkaPrincipal(team), target: port.location ?? "", state: "pending" },
    });
    grants.push(grant);
    await recordAuditEvent(tx, actor, {
      action: "grant.request",
      entityType: "access_grant",
      entityId: grant.id,
      summary: `Requested ${kind === "postgres_select" ? "SELECT" : "Kafka READ/DESCRIBE ACLs"} on ${grant.target} for ${grant.principal} (subscription ${subscriptionId} to ${port.dataProduct.urn}:${port.name})`,
      after: { subscriptionId, kind, principal: grant.principal, target: grant.target, state: grant.state },
    });
  }

  const enqueued: string[] = [];
  for (const grant of grants.filter((g) => g.state === "pending" || g.state === "failed")) {
    await enqueueJob(tx, "provision-grant", { action: "grant", portId: port.id, teamId: team.id, grantId: grant.id }, { jobKey: grantJobKey(grant.id) });
    enqueued.push(grant.id);
  }

  const active = enqueued.length === 0;
  if (active && subscription.state === "provisioning") {
    await tx.subscription.update({ where: { id: subscriptionId }, data: { state: "active", activatedAt: now() } });
    await recordAuditEvent(tx, actor, {
      action: "subscription.activate",
      entityType: "subscription",
      entityId: subscriptionId,
      summary: `Subscription ${subscriptionId} to ${port.dataProduct.urn}:${port.name} is active (nothing to provision)`,
      before: { state: "provisioning" },
      after: { state: "active" },
    });
  }
  return { grants, enqueued, active };
}
