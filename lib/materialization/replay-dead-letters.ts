import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { DeadLetterId } from "./dead-letter-id";
import { findMaterializedPortOrThrow, requireMaterializationOperator } from "./find-materialized-port";
import { requireMaterializationDatabase } from "./materialization-database";
import { PortPlan } from "./port-plan";
import { registryReader } from "./inspect-dead-letter";
import { createRecordDecoder, type SchemaReader } from "./record-decoder";

export const ReplayInput = z.object({
  /** The dead letters to replay (ids from listDeadLetters); at most 1000 at once; an id given twice is replayed once. */
  ids: z
    .array(DeadLetterId)
    .min(1)
    .max(1000)
    .transform((ids) => [...new Set(ids)]),
});

/** "1, 2, 3 and 997 more": error messages name a few ids, not all thousand. */
const someIds = (ids: string[]) => (ids.length <= 10 ? ids.join(", ") : `${ids.slice(0, 10).join(", ")} and ${ids.length - 10} more`);

export type ReplayResult = {
  port: string;
  /** Moved into the table and marked replayed. */
  replayed: string[];
  /** Still dead letters, each with why the replay failed again. */
  failed: { id: string; error: string }[];
};

/**
 * Replays selected dead letters after a fix (a contract that now has the field, a schema registered): each is decoded
 * again with the registry and written to the table at its own _partition/_offset, then marked replayed, all in one
 * transaction with the audit event; one that still fails stays a dead letter, with the new error. An owner's or an admin's.
 */
export async function replayDeadLetters(actor: Actor, portRef: string, input: unknown, { registry = registryReader }: { registry?: SchemaReader } = {}): Promise<ReplayResult> {
  requireMaterializationDatabase();
  const port = await findMaterializedPortOrThrow(actor, portRef);
  requireMaterializationOperator(actor, port, "replay the dead letters of");
  const { ids } = parseInput(ReplayInput, input, "Replay");
  const letters = await db.deadLetter.findMany({ where: { portId: port.id, id: { in: ids.map(BigInt) } }, orderBy: { id: "asc" } });
  const missing = ids.filter((id) => !letters.some((l) => String(l.id) === id));
  if (missing.length > 0) throw conflict(`No dead letter ${someIds(missing)} on ${port.urn}.`, missing.map((id) => ({ path: "ids", message: `${id} is not a dead letter of this port` })));
  const already = letters.filter((l) => l.replayedAt);
  if (already.length > 0) throw conflict(`Dead letter ${someIds(already.map((l) => String(l.id)))} was replayed already.`, already.map((l) => ({ path: "ids", message: `${l.id} was replayed at ${l.replayedAt!.toISOString()}` })));
  const table = await createProductTable(port.id);
  if (table.incompatible.length > 0) throw conflict(`The table cannot follow contract ${table.contractVersion}, so nothing is replayed: ${table.incompatible.join(" ")}`);
  const plan = new PortPlan(table);

  // Meshwork's own registry tables hold the writer schemas: no round trip to the registry listener.
  const decode = createRecordDecoder(registry);
  const outcomes = await Promise.all(
    letters.map(async (l) => {
      if (!l.valueBase64) return { letter: l, error: "The dead letter has no value to replay." } as const;
      const decoded = await decode(Buffer.from(l.valueBase64, "base64"));
      if (!decoded.ok) return { letter: l, error: decoded.error } as const;
      const row = plan.toRow(decoded.value, { partition: l.partition, offset: String(l.offset), timestamp: (l.recordTimestamp ?? l.createdAt).toISOString(), key: l.key });
      return "row" in row ? ({ letter: l, row: row.row } as const) : ({ letter: l, error: row.error } as const);
    }),
  );
  const result: ReplayResult = { port: port.urn, replayed: [], failed: [] };
  await db.$transaction(
    async (tx) => {
      // A restart from the beginning (which empties the table and the dead letters) waits, and so do workers' batches.
      await tx.$queryRaw`SELECT 1 FROM materialization WHERE port_id = ${port.id}::uuid FOR SHARE`;
      // Two replays of the same dead letter at once: the second waits here for the first, then finds it replayed.
      const locked = await tx.$queryRaw<{ id: bigint }[]>`
        SELECT id FROM dead_letter WHERE id = ANY(${letters.map((l) => String(l.id))}::bigint[]) AND replayed_at IS NULL ORDER BY id FOR UPDATE`;
      const meanwhile = letters.filter((l) => !locked.some((row) => row.id === l.id));
      if (meanwhile.length > 0) throw conflict(`Dead letter ${someIds(meanwhile.map((l) => String(l.id)))} was replayed already.`, meanwhile.map((l) => ({ path: "ids", message: `${l.id} was replayed meanwhile` })));
      const at = now();
      for (const o of outcomes) {
        const id = String(o.letter.id);
        let error = "error" in o ? o.error : null;
        if ("row" in o) {
          await tx.$executeRawUnsafe("SAVEPOINT replay_one");
          try {
            await tx.$executeRawUnsafe(plan.insertRows, JSON.stringify([o.row]));
            await tx.$executeRawUnsafe("RELEASE SAVEPOINT replay_one");
          } catch (e) {
            await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT replay_one");
            error = `The table refused the row: ${(e as Error).message}`;
          }
        }
        if (error) {
          result.failed.push({ id, error });
          await tx.deadLetter.update({ where: { id: o.letter.id }, data: { replayError: error } });
        } else {
          result.replayed.push(id);
          await tx.deadLetter.update({ where: { id: o.letter.id }, data: { replayedAt: at, replayedById: actor.service ? null : actor.id, replayError: null } });
          await tx.materializationOffset.updateMany({ where: { portId: port.id, partition: o.letter.partition }, data: { rowsWritten: { increment: 1 } } });
        }
      }
      await recordAuditEvent(tx, actor, {
        action: "materialization.replay",
        entityType: "port",
        entityId: port.id,
        summary: `${port.urn}: ${result.replayed.length} dead letter${result.replayed.length === 1 ? "" : "s"} replayed into ${table.schema}.${table.table}${result.failed.length ? `, ${result.failed.length} still failing` : ""}`,
        after: result,
      });
    },
    { timeout: 60_000 },
  );
  return result;
}
