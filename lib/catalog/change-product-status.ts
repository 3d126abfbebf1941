import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canChangeProductStatus } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, forbidden, validationFailed } from "@/lib/errors";
import type { ProductStatus } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation";
import { StatusChange } from "./product-input";
import { findProductOrThrow } from "./find-product-or-throw";
import { refreshSearchDocument } from "./refresh-search-document";
import { forgetRegistryVisibility } from "@/lib/registry/registry-visibility";
import { notifyDeprecation } from "@/lib/notifications/notify-deprecation";

/** The lifecycle: draft → published → deprecated → retired; a deprecation can be withdrawn, a draft abandoned. */
export const ALLOWED_TRANSITIONS: Record<ProductStatus, ProductStatus[]> = {
  draft: ["published", "retired"],
  published: ["deprecated"],
  deprecated: ["published", "retired"],
  retired: [],
};

export async function changeProductStatus(actor: Actor, idOrUrn: string, input: unknown) {
  const change = parseInput(StatusChange, input, "Status change");
  const result = await db.$transaction(async (tx) => {
    const product = await findProductOrThrow(actor, idOrUrn, tx);
    if (!canChangeProductStatus(actor, product)) throw forbidden("Only owners of the owning team can change a product's lifecycle status.");
    if (!ALLOWED_TRANSITIONS[product.status].includes(change.status)) {
      const allowed = ALLOWED_TRANSITIONS[product.status];
      throw conflict(`A ${product.status} product cannot become ${change.status}${allowed.length ? ` (it can become ${allowed.join(" or ")})` : ""}.`);
    }
    if (change.status === "deprecated" && change.sunsetDate.getTime() < Date.now() - 86_400_000) {
      throw validationFailed("The sunset date must not be in the past.", [{ path: "sunsetDate", message: "must be today or later" }]);
    }
    const deprecation = change.status === "deprecated" ? { deprecationReason: change.reason, sunsetDate: change.sunsetDate } : { deprecationReason: null, sunsetDate: null };
    // Conditional on the status just read: of identical changes at once, one wins and the rest find it changed.
    const { count } = await tx.dataProduct.updateMany({ where: { id: product.id, status: product.status }, data: { status: change.status, ...deprecation } });
    if (count === 0) throw conflict(`${product.urn} changed status at the same time; it is no longer ${product.status}. Reload and try again.`);
    const updated = await tx.dataProduct.findUniqueOrThrow({ where: { id: product.id } });
    await refreshSearchDocument(tx, product.id);
    await recordAuditEvent(tx, actor, {
      action: `product.${change.status === "published" ? "publish" : change.status === "deprecated" ? "deprecate" : "retire"}`,
      entityType: "data_product",
      entityId: product.id,
      summary: `${product.urn}: ${product.status} → ${change.status}`,
      before: { status: product.status, deprecationReason: product.deprecationReason, sunsetDate: product.sunsetDate },
      after: { status: updated.status, deprecationReason: updated.deprecationReason, sunsetDate: updated.sunsetDate },
    });
    if (updated.status === "deprecated") await notifyDeprecation(tx, updated);
    return { id: updated.id, urn: updated.urn, status: updated.status, deprecationReason: updated.deprecationReason, sunsetDate: updated.sunsetDate };
  });
  // Registry reads in this process see the new status at once (lib/registry/registry-visibility.ts).
  forgetRegistryVisibility();
  return result;
}
