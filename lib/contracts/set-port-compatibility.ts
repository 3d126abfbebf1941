import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { conflict, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const CompatibilityInput = z.object({ mode: z.enum(["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"]) });

export async function setPortCompatibility(actor: Actor, portRef: string, input: unknown) {
  const { mode } = parseInput(CompatibilityInput, input, "Compatibility");
  return db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, portRef, tx);
    if (!canEditProduct(actor, port.dataProduct)) throw forbidden(`Only the team that owns ${port.dataProduct.urn} can change its compatibility mode.`);
    if (port.dataProduct.status === "retired") throw conflict(`${port.dataProduct.urn} is retired; its ports' compatibility modes cannot change.`);
    if (mode === port.compatibilityMode) return { mode };
    // Conditional on the mode just read: of changes at once, one wins and the rest find it changed.
    const { count } = await tx.port.updateMany({ where: { id: port.id, compatibilityMode: port.compatibilityMode }, data: { compatibilityMode: mode } });
    if (count === 0) throw conflict(`The compatibility mode of ${port.dataProduct.urn}:${port.name} changed at the same time; reload and try again.`);
    await recordAuditEvent(tx, actor, { action: "port.compatibility", entityType: "port", entityId: port.id, summary: `${port.dataProduct.urn}:${port.name} compatibility ${port.compatibilityMode} → ${mode}`, before: { mode: port.compatibilityMode }, after: { mode } });
    return { mode };
  });
}
