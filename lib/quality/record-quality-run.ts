import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { notify } from "@/lib/notifications/notify";
import type { CheckOutcome } from "./check-outcome";

export type CheckedPort = {
  id: string;
  name: string;
  product: { id: string; teamId: string; name: string; urn: string; slug: string; domain: { slug: string } };
};

export type RecordedRun = { runId: string; opened: string[]; resolved: string[] };

/** What a port's check is called in incidents and notifications: "orders · rows: nullValues of order_id". */
const label = (port: CheckedPort, outcome: CheckOutcome) => `${port.product.name} · ${port.name}: ${outcome.check.name}`;

/**
 * Stores one run and each check's result, and keeps incidents in step, in one transaction: a failing check of
 * severity error opens an incident for the owning team (or, when one is open for that check already, adds to it —
 * the partial unique index makes two runs at once meet on one row), and a passing one resolves it. The owning team
 * and the port's subscribing teams are notified when an incident opens or resolves.
 */
export async function recordQualityRun(port: CheckedPort, run: { trigger: string; contractVersion: string; startedAt: Date; durationMs: number; outcomes: CheckOutcome[] }): Promise<RecordedRun> {
  const runId = randomUUID();
  const count = (status: string) => run.outcomes.filter((o) => o.status === status).length;
  return db.$transaction(async (tx) => {
    await tx.qualityRun.create({
      data: { id: runId, portId: port.id, trigger: run.trigger, contractVersion: run.contractVersion, startedAt: run.startedAt, durationMs: Math.round(run.durationMs), passed: count("passed"), failed: count("failed"), notEvaluated: count("not_evaluated") },
    });
    await tx.qualityResult.createMany({
      data: run.outcomes.map((o) => ({
        runId,
        portId: port.id,
        checkKey: o.check.key,
        name: o.check.name,
        kind: o.check.kind === "library" ? o.check.metric : o.check.kind === "not_evaluated" ? o.check.metric : o.check.kind,
        property: o.check.property ?? null,
        dimension: o.check.dimension ?? null,
        severity: o.check.severity,
        status: o.status,
        measured: o.measured,
        unit: o.unit,
        threshold: o.threshold,
        reason: o.reason,
        sample: o.sample ? (o.sample as Prisma.InputJsonValue) : Prisma.DbNull,
        evaluatedAt: run.startedAt,
      })),
    });
    const opened: string[] = [];
    const resolved: string[] = [];
    const subscribers = async () => (await tx.subscription.findMany({ where: { portId: port.id, state: "active" }, select: { consumerTeamId: true } })).map((s) => s.consumerTeamId);
    let teams: string[] | undefined;
    const link = `/products/${port.product.domain.slug}/${port.product.slug}#quality`;
    for (const outcome of run.outcomes) {
      if (outcome.check.severity !== "error" || outcome.status === "not_evaluated") continue;
      if (outcome.status === "failed") {
        const rows = await tx.$queryRaw<{ id: string; inserted: boolean }[]>(Prisma.sql`
          INSERT INTO quality_incident (id, port_id, check_key, check_name, team_id, state, opened_at, last_failed_at, failed_runs, last_measured, threshold)
          VALUES (${randomUUID()}::uuid, ${port.id}::uuid, ${outcome.check.key}, ${outcome.check.name}, ${port.product.teamId}::uuid, 'open', ${run.startedAt}, ${run.startedAt}, 1, ${outcome.measured}, ${outcome.threshold})
          ON CONFLICT (port_id, check_key) WHERE state = 'open'
          DO UPDATE SET failed_runs = quality_incident.failed_runs + 1, last_failed_at = GREATEST(quality_incident.last_failed_at, EXCLUDED.last_failed_at), last_measured = EXCLUDED.last_measured, threshold = EXCLUDED.threshold
          RETURNING id::text, (xmax = 0) AS inserted`);
        if (!rows[0].inserted) continue;
        opened.push(rows[0].id);
        teams ??= [port.product.teamId, ...(await subscribers())];
        await notify(tx, {
          kind: "incident.opened",
          title: `Quality incident: ${label(port, outcome)} fails`,
          body: `Measured ${outcome.measured ?? "nothing"}${outcome.unit && outcome.unit !== "rows" ? ` ${outcome.unit}` : ""}, expected ${outcome.threshold ?? "a pass"}.${outcome.reason ? ` ${outcome.reason}.` : ""}`,
          link,
          data: { incidentId: rows[0].id, portId: port.id, product: port.product.urn, check: outcome.check.key, measured: outcome.measured, threshold: outcome.threshold },
          recipients: { teamIds: [...new Set(teams)] },
        });
      } else {
        const closed = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
          UPDATE quality_incident SET state = 'resolved', resolution = 'check_passed', resolved_at = ${run.startedAt}
          WHERE port_id = ${port.id}::uuid AND check_key = ${outcome.check.key} AND state = 'open' RETURNING id::text`);
        for (const { id } of closed) {
          resolved.push(id);
          teams ??= [port.product.teamId, ...(await subscribers())];
          await notify(tx, {
            kind: "incident.resolved",
            title: `Quality incident resolved: ${label(port, outcome)} passes again`,
            body: `Measured ${outcome.measured ?? ""}, within ${outcome.threshold ?? "the threshold"}.`,
            link,
            data: { incidentId: id, portId: port.id, product: port.product.urn, check: outcome.check.key, resolution: "check_passed" },
            recipients: { teamIds: [...new Set(teams)] },
          });
        }
      }
    }
    return { runId, opened, resolved };
  });
}
