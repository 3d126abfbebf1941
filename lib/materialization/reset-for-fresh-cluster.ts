import pg from "pg";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import { Prisma } from "@/lib/generated/prisma/client";
import { requireMaterializationDatabase } from "./materialization-database";

export const FRESH_CLUSTER_REASON = "the embedded demo Kafka cluster started empty";

export type FreshClusterReset = { ports: number; rows: number; offsets: number; deadLetters: number };

/**
 * For `npm start` only, right after it created the embedded (in-memory, empty) demo Kafka cluster and before any worker
 * runs: every table port materialized from a topic port starts again from the beginning, since Meshwork itself knows
 * the topics were just recreated. Per port, in one transaction: the table's rows (the new stream's offsets start at 0
 * again, and (_partition, _offset) is unique), the stored offsets and the earlier stream's dead letters are removed,
 * the reset flag is cleared and the generation bumped, with a "materialization.reset" audit event. A pause or an error
 * stays for the owner. A port with nothing stored is left alone. Never for a real cluster (KAFKA_BROKERS set): there a
 * recreated topic waits for an owner's "restart from the beginning".
 * `portIds` narrows it to some ports (tests, which share a database with others).
 */
export async function resetMaterializationsForFreshCluster(options: { portIds?: string[] } = {}): Promise<FreshClusterReset> {
  requireMaterializationDatabase();
  const ports = await db.port.findMany({
    where: { type: "table", sourcePortId: { not: null }, ...(options.portIds ? { id: { in: options.portIds } } : {}) },
    select: { id: true, name: true, location: true, dataProduct: { select: { urn: true } }, sourcePort: { select: { location: true } } },
    orderBy: { id: "asc" },
  });
  const total: FreshClusterReset = { ports: 0, rows: 0, offsets: 0, deadLetters: 0 };
  for (const port of ports) {
    const done = await db.$transaction(async (tx) => {
      // Workers lock this row for each batch; none runs yet, but a stray one would wait.
      const [state] = await tx.$queryRaw<{ generation: number; reset_detected_at: Date | null }[]>`SELECT generation, reset_detected_at FROM materialization WHERE port_id = ${port.id}::uuid FOR UPDATE`;
      const { schema, table } = parseTableLocation(port.location);
      const qualified = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`;
      const [exists] = await tx.$queryRaw<{ t: string | null }[]>`SELECT to_regclass(${qualified})::text AS t`;
      const [counted] = exists.t ? await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${qualified}`) : [{ n: 0n }];
      const rows = Number(counted.n);
      const { count: offsets } = await tx.materializationOffset.deleteMany({ where: { portId: port.id } });
      const { count: deadLetters } = await tx.deadLetter.deleteMany({ where: { portId: port.id } });
      if (!rows && !offsets && !deadLetters && !state?.reset_detected_at) return null;
      if (rows) await tx.$executeRawUnsafe(`TRUNCATE ${qualified}`);
      const generation = (state?.generation ?? 0) + 1;
      await tx.materialization.upsert({
        where: { portId: port.id },
        create: { portId: port.id, generation },
        // The stream is read again from its start, so what it carries that the table lacks is found again too.
        update: { generation, resetDetectedAt: null, resetDetails: Prisma.DbNull, fieldsNotMaterialized: [], updatedAt: now() },
      });
      const urn = `${port.dataProduct.urn}:${port.name}`;
      await recordAuditEvent(tx, null, {
        action: "materialization.reset",
        entityType: "port",
        entityId: port.id,
        summary: `${urn}: materialization restarted from the beginning of ${port.sourcePort?.location ?? "its topic"} because ${FRESH_CLUSTER_REASON}; ${rows} rows, ${offsets} stored offsets and ${deadLetters} dead letters of the earlier stream removed`,
        before: { generation: generation - 1, rows, offsets, deadLetters, resetDetected: Boolean(state?.reset_detected_at) },
        after: { generation, reason: FRESH_CLUSTER_REASON },
      });
      return { rows, offsets, deadLetters };
    });
    if (!done) continue;
    total.ports += 1;
    total.rows += done.rows;
    total.offsets += done.offsets;
    total.deadLetters += done.deadLetters;
  }
  return total;
}
