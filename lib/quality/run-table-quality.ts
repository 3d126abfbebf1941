import type { Queryable } from "@/lib/data-tables/data-database";
import { dataPool } from "@/lib/data-tables/data-database";
import { parseTableLocation } from "@/lib/data-tables/table-location";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { qualityChecksOf } from "./check-definitions";
import { notEvaluated, type CheckOutcome } from "./check-outcome";
import { evaluateTableChecks } from "./evaluate-table-checks";
import { recordQualityRun, type RecordedRun } from "./record-quality-run";
import { ensureQualityRole, qualityRoleName } from "./run-sql-check";

export type TableRunOptions = { trigger?: "schedule" | "manual"; data?: Queryable; rolePrefix?: string; statementTimeoutMs?: number };

export const checkedPortSelect = {
  id: true,
  name: true,
  type: true,
  location: true,
  dataProduct: { select: { id: true, teamId: true, name: true, urn: true, slug: true, status: true, domain: { select: { slug: true } } } },
  contractVersions: { where: { status: "active" as const }, select: { version: true, document: true }, orderBy: { activatedAt: "desc" as const }, take: 1 },
} satisfies Prisma.PortSelect;

/**
 * Runs every check of a table port's active contract on its table and records the run (results, incidents,
 * notifications). The worker calls it on each port's schedule and for "run now"; it checks no permissions itself.
 */
export async function runTableQuality(portId: string, { trigger = "schedule", data = dataPool(), rolePrefix, statementTimeoutMs }: TableRunOptions = {}): Promise<RecordedRun & { outcomes: CheckOutcome[] }> {
  const port = await db.port.findUnique({ where: { id: portId }, select: checkedPortSelect });
  if (!port || port.type !== "table") throw notFound(`Table port ${portId}`);
  const active = port.contractVersions[0];
  const startedAt = now();
  const started = performance.now();
  let outcomes: CheckOutcome[];
  if (!active) {
    outcomes = [];
  } else {
    const checks = qualityChecksOf(active.document as unknown as OdcsContract, port.location, "table");
    let location: { schema: string; table: string } | undefined;
    try {
      location = parseTableLocation(port.location);
    } catch (error) {
      outcomes = checks.map((c) => notEvaluated(c, `the port's table location is not usable: ${(error as Error).message}`));
    }
    if (location) {
      let sqlRole: string | undefined;
      if (checks.some((c) => c.kind === "sql")) {
        const role = qualityRoleName(location, rolePrefix);
        sqlRole = await ensureQualityRole(data, location, role).then(
          () => role,
          () => undefined,
        );
      }
      outcomes = await evaluateTableChecks(data, location, checks, { now: startedAt, sqlRole, statementTimeoutMs });
    }
  }
  const recorded = await recordQualityRun(
    { id: port.id, name: port.name, product: port.dataProduct },
    { trigger, contractVersion: active?.version ?? "none", startedAt, durationMs: performance.now() - started, outcomes: outcomes! },
  );
  return { ...recorded, outcomes: outcomes! };
}
