import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

/** A domain page: its teams with members, and its products the caller may see. */
export async function getDomain(actor: Actor, slug: string) {
  const domain = await db.domain.findUnique({
    where: { slug },
    include: {
      teams: { orderBy: { name: "asc" }, include: { memberships: { include: { user: { select: { id: true, name: true, email: true } } }, orderBy: { role: "asc" } } } },
      products: { orderBy: { name: "asc" }, include: { team: { select: { name: true, slug: true } } } },
    },
  });
  if (!domain) throw notFound(`Domain ${slug}`);
  return { ...domain, products: domain.products.filter((p) => canSeeProduct(actor, p)) };
}
