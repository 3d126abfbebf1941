import { db } from "@/lib/db";
import { isUuid } from "@/lib/validation";

export type AuditEntityLink = { href: string; name: string };

const productPath = (p: { slug: string; domain: { slug: string } }) => `/products/${p.domain.slug}/${p.slug}`;
const idsOf = (events: { entityType: string; entityId: string }[], type: string) => [...new Set(events.filter((e) => e.entityType === type && isUuid(e.entityId)).map((e) => e.entityId))];

/**
 * The page of each event's entity, for the kinds of entity that have one (products,
 * ports, contract versions, domains, teams; a subscription is shown on its port's page). An entity deleted since has none. The page itself decides who may see it.
 * One query per kind of entity, whatever the number of events; the answer looks an event's link up.
 */
export async function auditEntityLinks(events: { entityType: string; entityId: string }[]): Promise<(event: { entityType: string; entityId: string }) => AuditEntityLink | null> {
  const product = { select: { slug: true, name: true, domain: { select: { slug: true } } } } as const;
  const [products, ports, versions, domains, teams, subscriptions] = await Promise.all([
    db.dataProduct.findMany({ where: { id: { in: idsOf(events, "data_product") } }, select: { id: true, ...product.select } }),
    db.port.findMany({ where: { id: { in: idsOf(events, "port") } }, select: { id: true, name: true, direction: true, dataProduct: product } }),
    db.contractVersion.findMany({ where: { id: { in: idsOf(events, "contract_version") } }, select: { id: true, version: true, port: { select: { name: true, dataProduct: product } } } }),
    db.domain.findMany({ where: { id: { in: idsOf(events, "domain") } }, select: { id: true, slug: true, name: true } }),
    db.team.findMany({ where: { id: { in: idsOf(events, "team") } }, select: { id: true, slug: true, name: true, domain: { select: { slug: true } } } }),
    db.subscription.findMany({ where: { id: { in: idsOf(events, "subscription") } }, select: { id: true, consumerTeam: { select: { name: true } }, port: { select: { name: true, dataProduct: product } } } }),
  ]);
  const links = new Map<string, AuditEntityLink>();
  for (const p of products) links.set(`data_product:${p.id}`, { href: productPath(p), name: p.name });
  // Only output ports have a page of their own; an input port is shown on its product's page.
  for (const p of ports) links.set(`port:${p.id}`, { href: p.direction === "output" ? `${productPath(p.dataProduct)}/ports/${p.name}` : productPath(p.dataProduct), name: `${p.dataProduct.name} · ${p.name}` });
  for (const v of versions) links.set(`contract_version:${v.id}`, { href: `${productPath(v.port.dataProduct)}/ports/${v.port.name}?version=${encodeURIComponent(v.version)}`, name: `${v.port.name} contract v${v.version}` });
  for (const d of domains) links.set(`domain:${d.id}`, { href: `/domains/${d.slug}`, name: d.name });
  for (const t of teams) links.set(`team:${t.id}`, { href: `/domains/${t.domain.slug}/teams/${t.slug}`, name: t.name });
  for (const s of subscriptions) links.set(`subscription:${s.id}`, { href: `${productPath(s.port.dataProduct)}/ports/${s.port.name}`, name: `${s.consumerTeam.name} → ${s.port.dataProduct.name} · ${s.port.name}` });
  return (e) => links.get(`${e.entityType}:${e.entityId}`) ?? null;
}
