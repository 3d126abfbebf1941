import pg from "pg";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { conflict } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { findMaterializedPortOrThrow, requireMaterializationOperator, requireTopicSource } from "./find-materialized-port";
import { getMaterializationStatus, type MaterializationStatus } from "./get-materialization-status";
import { requireMaterializationDatabase } from "./materialization-database";

/**
 * "Restart from the beginning": the operator's answer to a recreated topic (its end offset below the stored one), or a
 * rebuild. In one transaction the table's rows, the stored offsets and the dead letters of the earlier stream are
 * removed (the new stream's offsets start again at 0, and (_partition, _offset) is unique), the reset flag and any
 * error are cleared, and the generation is bumped so running workers seek the port's partitions back to the start.
 * With `{ generation }` (the status's, as the port page sends it) the restart answers that state only: of two
 * owners restarting at once one wins and the other gets 409, instead of the table being emptied twice.
 */
export const RestartInput = z.object({
  /** The generation the caller saw (MaterializationStatus.generation); a restart since then makes this one a 409. */
  generation: z.number().int().min(0).optional(),
}).strict();

export async function restartMaterializationFromBeginning(actor: Actor, portRef: string, input: unknown = {}): Promise<MaterializationStatus> {
  const { generation: expected } = parseInput(RestartInput, input, "Restart");
  requireMaterializationDatabase();
  await db.$transaction(async (tx) => {
    const port = await findMaterializedPortOrThrow(actor, portRef, tx);
    requireMaterializationOperator(actor, port, "restart the materialization of");
    requireTopicSource(port, "restart");
    await tx.materialization.upsert({ where: { portId: port.id }, create: { portId: port.id }, update: {} });
    // One restart at a time, and no batch of a worker commits in between (workers lock this row too).
    const [before] = await tx.$queryRaw<{ generation: number; reset_detected_at: Date | null }[]>`SELECT generation, reset_detected_at FROM materialization WHERE port_id = ${port.id}::uuid FOR UPDATE`;
    if (expected !== undefined && before.generation !== expected) {
      throw conflict(`${port.urn} was restarted meanwhile (generation ${before.generation}, not ${expected}): look at its status again before restarting it.`, [{ path: "generation", message: `is ${before.generation} now` }]);
    }
    const { schema, table } = parseTableLocation(port.location);
    const qualified = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
    const [exists] = await tx.$queryRaw<{ t: string | null }[]>`SELECT to_regclass(${qualified})::text AS t`;
    const [counted] = exists.t ? await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${qualified}`) : [{ n: 0n }];
    if (exists.t) await tx.$executeRawUnsafe(`TRUNCATE ${qualified}`);
    await tx.materializationOffset.deleteMany({ where: { portId: port.id } });
    const { count: deadLetters } = await tx.deadLetter.deleteMany({ where: { portId: port.id } });
    await tx.materialization.update({
      where: { portId: port.id },
      // The stream is read again from its start, so what it carries that the table lacks is found again too.
      data: { generation: before.generation + 1, resetDetectedAt: null, resetDetails: Prisma.DbNull, error: null, errorAt: null, fieldsNotMaterialized: [], updatedAt: now() },
    });
    await recordAuditEvent(tx, actor, {
      action: "materialization.restart",
      entityType: "port",
      entityId: port.id,
      summary: `${port.urn}: materialization restarted from the beginning of ${port.source.location}${before.reset_detected_at ? " after a topic reset" : ""}; ${counted.n} rows and ${deadLetters} dead letters of the earlier stream removed`,
      before: { generation: before.generation, rows: Number(counted.n), deadLetters },
      after: { generation: before.generation + 1 },
    });
  });
  return getMaterializationStatus(actor, portRef);
}
