import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ProductUpdate } from "./product-input";
import { findProductOrThrow } from "./find-product-or-throw";
import { productSnapshot } from "./product-snapshot";
import { refreshSearchDocument } from "./refresh-search-document";
import { writePorts } from "./write-ports";

export async function updateDataProduct(actor: Actor, idOrUrn: string, input: unknown) {
  const changes = parseInput(ProductUpdate, input, "Data product update");
  return db.$transaction(async (tx) => {
    const product = await findProductOrThrow(actor, idOrUrn, tx);
    if (!canEditProduct(actor, product)) throw forbidden("Only members of the owning team can edit this data product.");
    if (product.status === "retired") throw conflict("A retired data product cannot be edited.");
    const before = await productSnapshot(tx, product.id);
    const { outputPorts, inputPorts, tags, ...fields } = changes;
    await tx.dataProduct.update({ where: { id: product.id }, data: { ...fields, ...(tags ? { tags: [...new Set(tags)] } : {}), updatedAt: new Date() } });
    if (outputPorts || inputPorts) {
      await writePorts(tx, actor, product.id, outputPorts ?? before.outputPorts, inputPorts ?? before.inputPorts);
    }
    await refreshSearchDocument(tx, product.id);
    const after = await productSnapshot(tx, product.id);
    await recordAuditEvent(tx, actor, { action: "product.update", entityType: "data_product", entityId: product.id, summary: `Updated ${product.urn}`, before, after });
    return after;
  });
}

