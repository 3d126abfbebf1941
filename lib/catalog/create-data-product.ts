import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, forbidden, isUniqueViolation, validationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ProductDescriptor, productUrn, slug as ProductSlug, slugify } from "./product-input";
import { productSnapshot } from "./product-snapshot";
import { refreshSearchDocument } from "./refresh-search-document";
import { writePorts } from "./write-ports";

/** Registers a data product (as a draft) for one of the caller's own teams. */
export async function createDataProduct(actor: Actor, input: unknown) {
  const descriptor = parseInput(ProductDescriptor, input, "Data product");
  const slug = descriptor.slug ?? slugify(descriptor.name);
  // A name without latin letters or digits (e.g. "受注データ") yields no usable slug, so the URN would be broken.
  if (!ProductSlug.safeParse(slug).success) {
    throw validationFailed(`The name "${descriptor.name}" does not give a usable URL slug; give one in \`slug\`.`, [{ path: "slug", message: "required when the name has fewer than 2 latin letters or digits" }]);
  }
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.findFirst({ where: { slug: descriptor.team, domain: { slug: descriptor.domain } }, include: { domain: true } });
      if (!team) {
        const domain = await tx.domain.findUnique({ where: { slug: descriptor.domain } });
        throw validationFailed(
          domain ? `Domain "${descriptor.domain}" has no team "${descriptor.team}".` : `There is no domain "${descriptor.domain}".`,
          [domain ? { path: "team", message: `unknown team "${descriptor.team}" in domain ${descriptor.domain}` } : { path: "domain", message: `unknown domain "${descriptor.domain}"` }],
        );
      }
      if (!canEditProduct(actor, { teamId: team.id })) {
        throw forbidden(`Only members of team ${team.name} can register products it owns.`);
      }
      const product = await tx.dataProduct.create({
        data: {
          urn: productUrn(team.domain.slug, slug),
          slug,
          domainId: team.domainId,
          teamId: team.id,
          name: descriptor.name,
          description: descriptor.description,
          tags: [...new Set(descriptor.tags)],
          classification: descriptor.classification,
          containsPersonalData: descriptor.containsPersonalData,
          createdById: actor.id,
        },
      });
      await writePorts(tx, actor, product.id, descriptor.outputPorts, descriptor.inputPorts);
      await refreshSearchDocument(tx, product.id);
      const after = await productSnapshot(tx, product.id);
      await recordAuditEvent(tx, actor, { action: "product.create", entityType: "data_product", entityId: product.id, summary: `Registered ${product.urn}`, after });
      return { id: product.id, urn: product.urn, slug: product.slug, domain: team.domain.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A data product "${slug}" already exists in domain ${descriptor.domain}.`, [{ path: "name", message: "already taken in this domain" }]);
    throw error;
  }
}
