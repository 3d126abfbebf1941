import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { findOutputPortOrThrow, portUrn } from "./find-output-port-or-throw";
import { findProductOrThrow } from "./find-product-or-throw";
import { slug } from "./product-input";
import { forgetRegistryVisibility } from "@/lib/registry/registry-visibility";
import { refreshSearchDocuments } from "./refresh-search-document";

export const PortTransfer = z.object({
  product: z.string().min(1).describe("id or URN of the data product that gets the port"),
  name: slug.optional().describe("the port's name in that product (default: its current name)"),
});

/**
 * Moves an output port, with its topic or table, contract versions and registry subjects, to another product
 * (e.g. from a retired product to its successor). Admins only; tables materialized from it stay behind, unlinked.
 */
export async function transferPort(actor: Actor, portRef: string, input: unknown) {
  requireAdmin(actor, "transfer a port to another data product");
  const transfer = parseInput(PortTransfer, input, "Port transfer");
  const result = await db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, portRef, tx);
    const target = await findProductOrThrow(actor, transfer.product, tx);
    const name = transfer.name ?? port.name;
    if (target.id === port.dataProduct.id) throw conflict(`Port ${port.name} already belongs to ${target.urn}.`);
    if (target.status === "retired") throw conflict(`${target.urn} is retired; a port cannot move to it.`, [{ path: "product", message: "retired" }]);
    if (await tx.port.findUnique({ where: { dataProductId_name: { dataProductId: target.id, name } } })) {
      throw conflict(`${target.urn} already has a port named "${name}".`, [{ path: "name", message: "already used in the target product; give another name" }]);
    }
    // Materialization links do not cross products.
    await tx.port.updateMany({ where: { sourcePortId: port.id, dataProductId: port.dataProduct.id }, data: { sourcePortId: null } });
    const moved = await tx.port.update({ where: { id: port.id }, data: { dataProductId: target.id, name, sourcePortId: null } });
    await refreshSearchDocuments(tx, [port.dataProduct.id, target.id]);
    const from = portUrn(port.dataProduct.urn, port.name);
    const to = portUrn(target.urn, name);
    await recordAuditEvent(tx, actor, {
      action: "port.transfer",
      entityType: "port",
      entityId: port.id,
      summary: `Transferred ${port.type === "kafka_topic" ? "topic" : "table"} ${port.location} from ${from} to ${to}`,
      before: { product: port.dataProduct.urn, name: port.name },
      after: { product: target.urn, name },
    });
    return { id: moved.id, urn: to, name, type: moved.type, location: moved.location, from, product: { id: target.id, urn: target.urn } };
  });
  forgetRegistryVisibility();
  return result;
}
