import type { Tx } from "@/lib/db";
import { notify } from "./notify";

type Product = { id: string; urn: string; name: string; slug: string; domainId: string; deprecationReason: string | null; sunsetDate: Date | null };

/** "A product you consume is deprecated", to every team with an active (or provisioning) subscription to one of its ports. */
export async function notifyDeprecation(tx: Tx, product: Product): Promise<void> {
  const subscriptions = await tx.subscription.findMany({ where: { state: { in: ["active", "provisioning"] }, port: { dataProductId: product.id } }, select: { consumerTeamId: true, port: { select: { name: true } } } });
  const teamIds = [...new Set(subscriptions.map((s) => s.consumerTeamId))];
  if (teamIds.length === 0) return;
  const domain = await tx.domain.findUniqueOrThrow({ where: { id: product.domainId }, select: { slug: true } });
  const sunset = product.sunsetDate ? product.sunsetDate.toISOString().slice(0, 10) : null;
  await notify(tx, {
    kind: "product.deprecated",
    title: `${product.name} is deprecated${sunset ? `, sunset on ${sunset}` : ""}`,
    body: [product.deprecationReason ? `Reason: ${product.deprecationReason}` : null, "Your team subscribes to it: plan a move before the sunset date."].filter(Boolean).join("\n"),
    link: `/products/${domain.slug}/${product.slug}`,
    data: { product: product.urn, reason: product.deprecationReason, sunsetDate: sunset, ports: [...new Set(subscriptions.map((s) => s.port.name))] },
    recipients: { teamIds },
  });
}
