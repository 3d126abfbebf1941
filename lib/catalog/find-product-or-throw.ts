import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** Looks a product up by id or URN, with its domain's slug; products the caller may not see are reported as not found. */
export async function findProductOrThrow(actor: Actor, idOrUrn: string, client: Tx | typeof db = db) {
  const where = isUuid(idOrUrn) ? { id: idOrUrn } : idOrUrn.startsWith("urn:meshwork:") ? { urn: idOrUrn } : null;
  const product = where ? await client.dataProduct.findUnique({ where, include: { domain: { select: { slug: true } } } }) : null;
  if (!product || !canSeeProduct(actor, product)) throw notFound(`Data product ${idOrUrn}`);
  return product;
}
