import type { Tx } from "@/lib/db";
import { notify } from "./notify";

/**
 * "Access granted" / "Access could not be granted", to the consuming team and the requester, once per change of a
 * grant's state (a grant retried after failing is not announced again at every attempt).
 */
export async function notifyGrantOutcome(tx: Tx, grantId: string, outcome: "applied" | "failed" | "not_supported", detail: string): Promise<void> {
  const grant = await tx.accessGrant.findUnique({
    where: { id: grantId },
    select: {
      kind: true,
      principal: true,
      target: true,
      subscription: { select: { id: true, requesterId: true, consumerTeamId: true, consumerTeam: { select: { name: true } }, port: { select: { name: true, dataProduct: { select: { urn: true, name: true } } } } } },
    },
  });
  if (!grant) return;
  const { subscription: s } = grant;
  const what = grant.kind === "kafka_acl" ? `Kafka ACLs on ${grant.target}` : `SELECT on ${grant.target}`;
  const where = `${s.port.dataProduct.name} / ${s.port.name}`;
  await notify(tx, {
    kind: outcome === "applied" ? "grant.applied" : "grant.failed",
    title:
      outcome === "applied"
        ? `Access granted: ${what} for team ${s.consumerTeam.name}`
        : outcome === "not_supported"
          ? `Not applied: ${what} for team ${s.consumerTeam.name} (not supported by this cluster)`
          : `Access could not be granted yet: ${what} for team ${s.consumerTeam.name}`,
    body: `${where}. ${detail}${outcome === "failed" ? "\nMeshwork retries with backoff; you will be told when it is granted." : ""}`,
    link: "/subscriptions",
    data: { subscriptionId: s.id, grantId, kind: grant.kind, principal: grant.principal, target: grant.target, outcome, detail, product: s.port.dataProduct.urn, port: s.port.name },
    recipients: { userIds: s.requesterId ? [s.requesterId] : [], teamIds: [s.consumerTeamId] },
  });
}
