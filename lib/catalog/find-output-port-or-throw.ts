import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** A port is addressed by id or by URN: `urn:meshwork:<domain>:<product>:<port>` (or `<product-urn>#<port>`). */
export function parsePortUrn(ref: string): { productUrn: string; port: string } | null {
  const match = /^(urn:meshwork:[a-z0-9-]+:[a-z0-9-]+)[:#]([a-z0-9-]+)$/.exec(ref);
  return match ? { productUrn: match[1], port: match[2] } : null;
}

export const portUrn = (productUrn: string, portName: string) => `${productUrn}:${portName}`;

export async function findOutputPortOrThrow(actor: Actor, ref: string, client: Tx | typeof db = db) {
  const byUrn = parsePortUrn(ref);
  const where = isUuid(ref) ? { id: ref } : byUrn ? { name: byUrn.port, dataProduct: { urn: byUrn.productUrn } } : null;
  const port = where
    ? await client.port.findFirst({ where: { ...where, direction: "output" }, include: { dataProduct: { select: { id: true, urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true, name: true } } } } } })
    : null;
  if (!port || !canSeeProduct(actor, port.dataProduct)) throw notFound(`Output port ${ref}`);
  return port;
}
