import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type QualitySummary = {
  /** Share of evaluated checks passing in each port's latest run, over the product's output ports; null before any run. */
  score: number | null;
  passed: number;
  failed: number;
  notEvaluated: number;
  /** fresh: every freshness check passes; stale: one fails; unknown: none was evaluated. */
  freshness: "fresh" | "stale" | "unknown";
  openIncidents: number;
  checkedAt: Date | null;
};

/**
 * The quality and freshness badge of each product (search cards, the lineage graph): from the latest run of each of
 * its output ports, in two queries whatever the number of products. Callers have already applied visibility.
 */
export async function getQualitySummaries(productIds: string[]): Promise<Map<string, QualitySummary>> {
  const summaries = new Map<string, QualitySummary>();
  if (productIds.length === 0) return summaries;
  const rows = await db.$queryRaw<{ product_id: string; passed: number; failed: number; not_evaluated: number; fresh: number; stale: number; checked_at: Date; incidents: number }[]>(Prisma.sql`
    WITH latest AS (
      SELECT DISTINCT ON (r.port_id) r.id, r.port_id, r.started_at, p.data_product_id
      FROM quality_run r JOIN port p ON p.id = r.port_id
      WHERE p.data_product_id = ANY(${productIds}::uuid[])
      ORDER BY r.port_id, r.started_at DESC
    )
    SELECT l.data_product_id::text AS product_id,
      count(*) FILTER (WHERE q.status = 'passed')::int AS passed,
      count(*) FILTER (WHERE q.status = 'failed')::int AS failed,
      count(*) FILTER (WHERE q.status = 'not_evaluated')::int AS not_evaluated,
      count(*) FILTER (WHERE q.kind = 'freshness' AND q.status = 'passed')::int AS fresh,
      count(*) FILTER (WHERE q.kind = 'freshness' AND q.status = 'failed')::int AS stale,
      max(l.started_at) AS checked_at,
      (SELECT count(*)::int FROM quality_incident i JOIN port ip ON ip.id = i.port_id WHERE ip.data_product_id = l.data_product_id AND i.state = 'open') AS incidents
    FROM latest l JOIN quality_result q ON q.run_id = l.id
    GROUP BY l.data_product_id`);
  for (const r of rows) {
    summaries.set(r.product_id, {
      score: r.passed + r.failed > 0 ? r.passed / (r.passed + r.failed) : null,
      passed: r.passed,
      failed: r.failed,
      notEvaluated: r.not_evaluated,
      freshness: r.stale > 0 ? "stale" : r.fresh > 0 ? "fresh" : "unknown",
      openIncidents: r.incidents,
      checkedAt: r.checked_at,
    });
  }
  return summaries;
}
