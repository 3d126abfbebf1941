import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const CompatibilityInput = z.object({ mode: z.enum(["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"]) });

export async function setPortCompatibility(actor: Actor, portRef: string, input: unknown) {
  const { mode } = parseInput(CompatibilityInput, input, "Compatibility");
  return db.$transaction(async (tx) => {
    const port = await findOutputPortOrThrow(actor, portRef, tx);
    if (!canEditProduct(actor, port.dataProduct)) throw forbidden(`Only the team that owns ${port.dataProduct.urn} can change its compatibility mode.`);
    await tx.port.update({ where: { id: port.id }, data: { compatibilityMode: mode } });
    await recordAuditEvent(tx, actor, { action: "port.compatibility", entityType: "port", entityId: port.id, summary: `${port.dataProduct.urn}:${port.name} compatibility ${port.compatibilityMode} → ${mode}`, before: { mode: port.compatibilityMode }, after: { mode } });
    return { mode };
  });
}
