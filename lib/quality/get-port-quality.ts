import type { Actor } from "@/lib/auth/actor";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { Prisma } from "@/lib/generated/prisma/client";
import { hasPortDataAccess, maskRows, personalColumns } from "./sample-masking";

export const HISTORY_DAYS = 7;

/**
 * A port's quality for someone who may see its product: the latest run's result per check (failing-row samples with
 * personal-data fields masked unless the viewer may read the port's data), an hourly 7-day history of the score
 * (share of evaluated checks passing), and the port's open incidents.
 */
export async function getPortQuality(actor: Actor, portRef: string) {
  const port = await findOutputPortOrThrow(actor, portRef);
  const [latestRun, active, incidents, access] = await Promise.all([
    db.qualityRun.findFirst({ where: { portId: port.id }, orderBy: { startedAt: "desc" }, include: { results: { orderBy: [{ status: "asc" }, { name: "asc" }] } } }),
    db.contractVersion.findFirst({ where: { portId: port.id, status: "active" }, select: { document: true, version: true } }),
    db.qualityIncident.findMany({ where: { portId: port.id, state: "open" }, orderBy: { openedAt: "asc" } }),
    hasPortDataAccess(actor, { id: port.id, teamId: port.dataProduct.teamId }),
  ]);
  const personal = active ? personalColumns(active.document as unknown as OdcsContract, port.location) : { columns: new Set<string>(), everything: false };
  const since = new Date(now().getTime() - HISTORY_DAYS * 86_400_000);
  const history = await db.$queryRaw<{ hour: Date; runs: number; passed: number; failed: number; not_evaluated: number }[]>(Prisma.sql`
    SELECT date_trunc('hour', started_at) AS hour, count(*)::int AS runs, sum(passed)::int AS passed, sum(failed)::int AS failed, sum(not_evaluated)::int AS not_evaluated
    FROM quality_run WHERE port_id = ${port.id}::uuid AND started_at >= ${since} GROUP BY 1 ORDER BY 1`);
  const results = (latestRun?.results ?? []).map((r) => ({
    checkKey: r.checkKey,
    name: r.name,
    kind: r.kind,
    property: r.property,
    dimension: r.dimension,
    severity: r.severity,
    status: r.status,
    measured: r.measured,
    unit: r.unit,
    threshold: r.threshold,
    reason: r.reason,
    evaluatedAt: r.evaluatedAt,
    sample: Array.isArray(r.sample) ? (access ? (r.sample as Record<string, unknown>[]) : maskRows(r.sample as Record<string, unknown>[], personal)) : null,
    incidentId: incidents.find((i) => i.checkKey === r.checkKey)?.id ?? null,
  }));
  const passed = results.filter((r) => r.status === "passed").length;
  const failed = results.filter((r) => r.status === "failed").length;
  const freshness = results.find((r) => r.kind === "freshness" && r.status !== "not_evaluated") ?? null;
  return {
    port: { id: port.id, urn: `${port.dataProduct.urn}:${port.name}`, name: port.name, type: port.type },
    contractVersion: active?.version ?? null,
    latest: latestRun ? { runId: latestRun.id, trigger: latestRun.trigger, startedAt: latestRun.startedAt, durationMs: latestRun.durationMs, contractVersion: latestRun.contractVersion } : null,
    score: passed + failed > 0 ? passed / (passed + failed) : null,
    counts: { passed, failed, notEvaluated: results.length - passed - failed },
    freshness: freshness && { status: freshness.status, ageSeconds: freshness.measured, threshold: freshness.threshold },
    samplesMasked: !access && (personal.everything || personal.columns.size > 0),
    results,
    history: history.map((h) => ({ hour: h.hour, runs: h.runs, passed: h.passed, failed: h.failed, notEvaluated: h.not_evaluated, score: h.passed + h.failed > 0 ? h.passed / (h.passed + h.failed) : null })),
    incidents: incidents.map((i) => ({ id: i.id, checkKey: i.checkKey, checkName: i.checkName, openedAt: i.openedAt, lastFailedAt: i.lastFailedAt, failedRuns: i.failedRuns })),
  };
}
