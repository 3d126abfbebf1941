import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { findMaterializedPortOrThrow, requireMaterializationOperator, requireTopicSource } from "./find-materialized-port";
import { getMaterializationStatus, type MaterializationStatus } from "./get-materialization-status";

/**
 * Pauses (paused = true) or resumes a table port's materialization; an owner's or an admin's. Workers stop writing
 * the port's rows within a batch and, on resume, seek back to its stored offsets: nothing is skipped.
 * Resuming also clears a stopping error, so the worker tries the port again (after the owner fixed the contract).
 */
export async function setMaterializationPaused(actor: Actor, portRef: string, paused: boolean): Promise<MaterializationStatus> {
  await db.$transaction(async (tx) => {
    const port = await findMaterializedPortOrThrow(actor, portRef, tx);
    requireMaterializationOperator(actor, port, paused ? "pause the materialization of" : "resume the materialization of");
    requireTopicSource(port, paused ? "pause" : "resume");
    const pausedById = paused && !actor.service ? actor.id : null;
    // The row lock makes a second pause (or resume) at once wait, then find nothing left to do.
    await tx.materialization.upsert({ where: { portId: port.id }, create: { portId: port.id }, update: {} });
    await tx.$queryRaw`SELECT 1 FROM materialization WHERE port_id = ${port.id}::uuid FOR UPDATE`;
    const before = await tx.materialization.findUnique({ where: { portId: port.id } });
    // Already so (and, for a resume, no error to clear): nothing changes and nothing is audited.
    if (!before || (before.paused === paused && (paused || !before.error))) return;
    await tx.materialization.update({
      where: { portId: port.id },
      data: { paused, pausedById, ...(paused ? {} : { error: null, errorAt: null }), updatedAt: now() },
    });
    await recordAuditEvent(tx, actor, {
      action: paused ? "materialization.pause" : "materialization.resume",
      entityType: "port",
      entityId: port.id,
      summary: `${port.urn}: materialization ${paused ? "paused" : "resumed"}${!paused && before?.error ? ` (error cleared: ${before.error})` : ""}`,
      before: { paused: before?.paused ?? false, error: before?.error ?? null },
      after: { paused },
    });
  });
  return getMaterializationStatus(actor, portRef);
}

export const pauseMaterialization = (actor: Actor, portRef: string) => setMaterializationPaused(actor, portRef, true);
