import type { OdcsContract } from "@/lib/contracts/contract-types";
import { db } from "@/lib/db";
import { qualityChecksOf } from "./check-definitions";
import { isDue } from "./cron-schedule";

/** Table ports whose checks are due at `at` (their ODCS schedules, else every 5 minutes), not retired, with an active contract. */
export async function dueTablePorts(at: Date): Promise<string[]> {
  const ports = await db.port.findMany({
    where: { type: "table", direction: "output", dataProduct: { status: { not: "retired" } }, contractVersions: { some: { status: "active" } } },
    select: { id: true, location: true, contractVersions: { where: { status: "active" }, select: { document: true }, take: 1 } },
  });
  const lastRuns = await db.qualityRun.groupBy({ by: ["portId"], where: { portId: { in: ports.map((p) => p.id) }, trigger: "schedule" }, _max: { startedAt: true } });
  const last = new Map(lastRuns.map((r) => [r.portId, r._max.startedAt]));
  return ports
    .filter((port) => {
      const checks = qualityChecksOf(port.contractVersions[0].document as unknown as OdcsContract, port.location, "table").filter((c) => c.kind !== "not_evaluated");
      if (checks.length === 0) return false;
      const schedules = checks.map((c) => c.schedule);
      return isDue(schedules.some((s) => !s) ? [...schedules.filter(Boolean), undefined] : schedules, last.get(port.id) ?? null, at);
    })
    .map((p) => p.id);
}
