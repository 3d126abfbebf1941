import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isSteward, ownerOfTeam } from "@/lib/auth/permissions";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";
import { now } from "@/lib/clock";

/** Who consumes a product now (approved subscriptions): team, port, purpose, since, until. For everyone who may see the product. */
export async function listPortConsumers(actor: Actor, productRef: string) {
  const product = await findProductOrThrow(actor, productRef);
  const rows = await db.subscription.findMany({
    where: { port: { dataProductId: product.id }, state: { in: ["provisioning", "active"] } },
    select: { id: true, state: true, purpose: true, approvedAt: true, activatedAt: true, endsAt: true, grants: { select: { id: true, kind: true, state: true, principal: true, target: true, lastError: true }, orderBy: { createdAt: "asc" } }, consumerTeam: { select: { id: true, slug: true, name: true } }, port: { select: { id: true, name: true, type: true } } },
    orderBy: [{ approvedAt: "asc" }, { id: "asc" }],
  });
  const at = now();
  const consumers = rows.map((row) => ({
    subscriptionId: row.id,
    state: row.state,
    team: row.consumerTeam,
    port: { ...row.port, urn: `${product.urn}:${row.port.name}` },
    purpose: row.purpose,
    since: row.activatedAt ?? row.approvedAt,
    until: row.endsAt,
    expiresInDays: row.endsAt ? Math.max(0, Math.ceil((row.endsAt.getTime() - at.getTime()) / 86_400_000)) : null,
    grants: row.grants,
  }));
  // Owners of the product's team, stewards and admins may revoke (revoke-subscription.ts checks again).
  const canRevoke = isSteward(actor) || ownerOfTeam(actor, product.teamId);
  return { product: { id: product.id, urn: product.urn }, canRevoke, consumers, teamCount: new Set(rows.map((row) => row.consumerTeam.id)).size };
}
