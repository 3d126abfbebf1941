import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { visibleProductWhere } from "@/lib/auth/visible-products-sql";

/** Domains with their teams and product counts by status (counting only what the caller may see). */
export async function listDomains(actor: Actor) {
  const domains = await db.domain.findMany({ orderBy: { name: "asc" }, include: { teams: { orderBy: { name: "asc" }, select: { id: true, slug: true, name: true } } } });
  const counts = await db.dataProduct.groupBy({
    by: ["domainId", "status"],
    _count: { _all: true },
    where: visibleProductWhere(actor),
  });
  return domains.map((d) => ({
    ...d,
    productCounts: Object.fromEntries(counts.filter((c) => c.domainId === d.id).map((c) => [c.status, c._count._all])) as Record<string, number>,
  }));
}
