import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canChangeProductStatus, canEditProduct, canSeeProduct } from "@/lib/auth/permissions";
import { findProductOrThrow } from "./find-product-or-throw";

const productCard = { select: { id: true, urn: true, slug: true, name: true, status: true, teamId: true, domain: { select: { slug: true, name: true } } } };

/** Everything the product page shows: ports, owners, upstream and downstream products, and what the caller may do. */
export async function getDataProduct(actor: Actor, idOrUrn: string) {
  const found = await findProductOrThrow(actor, idOrUrn);
  const product = await db.dataProduct.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      domain: { select: { id: true, slug: true, name: true } },
      team: {
        select: {
          id: true, slug: true, name: true, contactEmail: true,
          memberships: { where: { role: "owner" }, include: { user: { select: { name: true, email: true } } } },
        },
      },
      ports: {
        orderBy: { createdAt: "asc" },
        include: {
          sourcePort: { select: { name: true } },
          contractVersions: { where: { status: "active" }, select: { id: true, version: true } },
          upstreamPort: { select: { name: true, type: true, location: true, dataProduct: productCard } },
          downstreamPorts: { select: { name: true, dataProduct: productCard } },
        },
      },
    },
  });
  const visible = <T extends { dataProduct: { teamId: string; status: string } }>(p: T | null | undefined): p is T => !!p && canSeeProduct(actor, p.dataProduct);
  const outputPorts = product.ports.filter((p) => p.direction === "output");
  const upstream = product.ports
    .filter((p) => p.direction === "input")
    .map((p) => p.upstreamPort)
    .filter(visible)
    .map((u) => ({ product: u.dataProduct, port: u.name }));
  const downstream = outputPorts
    .flatMap((p) => p.downstreamPorts.filter(visible).map((d) => ({ product: d.dataProduct, viaPort: p.name })));
  return {
    id: product.id,
    urn: product.urn,
    slug: product.slug,
    name: product.name,
    description: product.description,
    tags: product.tags,
    classification: product.classification,
    containsPersonalData: product.containsPersonalData,
    status: product.status,
    deprecationReason: product.deprecationReason,
    sunsetDate: product.sunsetDate,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    domain: product.domain,
    team: { id: product.team.id, slug: product.team.slug, name: product.team.name, contactEmail: product.team.contactEmail },
    owners: product.team.memberships.map((m) => m.user),
    outputPorts: outputPorts.map((p) => ({
      id: p.id,
      name: p.name,
      type: p.type,
      description: p.description,
      location: p.location,
      materializedFrom: p.sourcePort?.name ?? null,
      compatibilityMode: p.compatibilityMode,
      activeContract: p.contractVersions[0] ?? null,
    })),
    inputPorts: product.ports
      .filter((p) => p.direction === "input")
      .map((p) => ({ id: p.id, name: p.name, type: p.type, description: p.description, from: visible(p.upstreamPort) ? { urn: p.upstreamPort.dataProduct.urn, name: p.upstreamPort.dataProduct.name, port: p.upstreamPort.name, location: p.upstreamPort.location } : null })),
    upstream,
    downstream,
    permissions: { canEdit: canEditProduct(actor, product) && product.status !== "retired", canChangeStatus: canChangeProductStatus(actor, product) },
  };
}

export type DataProductDetail = Awaited<ReturnType<typeof getDataProduct>>;
