import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getPortQuality } from "./get-port-quality";

/** The Quality panel of a product page: each output port's quality (as getPortQuality), the product's score, and whether the viewer may run checks. */
export async function getProductQuality(actor: Actor, product: { id: string; teamId: string }) {
  const ports = await db.port.findMany({ where: { dataProductId: product.id, direction: "output" }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const qualities = await Promise.all(ports.map((p) => getPortQuality(actor, p.id)));
  const passed = qualities.reduce((n, q) => n + q.counts.passed, 0);
  const failed = qualities.reduce((n, q) => n + q.counts.failed, 0);
  return { score: passed + failed > 0 ? passed / (passed + failed) : null, passed, failed, canRun: canEditProduct(actor, product), ports: qualities };
}
