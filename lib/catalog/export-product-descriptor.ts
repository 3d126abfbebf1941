import YAML from "yaml";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { findProductOrThrow } from "./find-product-or-throw";
import { productSnapshot } from "./product-snapshot";

/** The product as a descriptor file, ready to keep in git and upload again. */
export async function exportProductDescriptor(actor: Actor, idOrUrn: string): Promise<string> {
  const product = await findProductOrThrow(actor, idOrUrn);
  const { urn: _urn, status: _status, deprecationReason: _r, sunsetDate: _s, ...descriptor } = await db.$transaction((tx) => productSnapshot(tx, product.id));
  return YAML.stringify(descriptor);
}
