import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";

/** Who consumes a product now (approved subscriptions): team, port, purpose, since, until. For everyone who may see the product. */
export async function listPortConsumers(actor: Actor, productRef: string) {
  const product = await findProductOrThrow(actor, productRef);
  const rows = await db.subscription.findMany({
    where: { port: { dataProductId: product.id }, state: { in: ["provisioning", "active"] } },
    select: { id: true, state: true, purpose: true, approvedAt: true, activatedAt: true, endsAt: true, consumerTeam: { select: { id: true, slug: true, name: true } }, port: { select: { id: true, name: true, type: true } } },
    orderBy: [{ approvedAt: "asc" }, { id: "asc" }],
  });
  const consumers = rows.map((row) => ({
    subscriptionId: row.id,
    state: row.state,
    team: row.consumerTeam,
    port: { ...row.port, urn: `${product.urn}:${row.port.name}` },
    purpose: row.purpose,
    since: row.activatedAt ?? row.approvedAt,
    until: row.endsAt,
  }));
  return { product: { id: product.id, urn: product.urn }, consumers, teamCount: new Set(rows.map((row) => row.consumerTeam.id)).size };
}
