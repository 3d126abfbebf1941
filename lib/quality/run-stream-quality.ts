import type { OdcsContract } from "@/lib/contracts/contract-types";
import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { formatDuration, qualityChecksOf } from "./check-definitions";
import { judged, notEvaluated, type CheckOutcome } from "./check-outcome";
import { recordQualityRun, type RecordedRun } from "./record-quality-run";
import { checkedPortSelect } from "./run-table-quality";
import { isPerRecordCheck, type StreamWindow } from "./stream-window";

/**
 * A topic port's checks on its stream, from what the stream checker last stored: per-record rules over the last
 * window of records, and freshness as the time since the newest message (on Meshwork's clock). Records the run.
 */
export async function runStreamQuality(portId: string, { trigger = "stream" }: { trigger?: "stream" | "manual" | "schedule" } = {}): Promise<RecordedRun & { outcomes: CheckOutcome[] }> {
  const port = await db.port.findUnique({ where: { id: portId }, select: checkedPortSelect });
  if (!port || port.type !== "kafka_topic") throw notFound(`Topic port ${portId}`);
  const active = port.contractVersions[0];
  const state = await db.qualityStreamState.findUnique({ where: { portId } });
  const window = (state?.window ?? null) as StreamWindow | null;
  const at = now();
  const started = performance.now();
  const checks = active ? qualityChecksOf(active.document as unknown as OdcsContract, port.location, "stream") : [];
  const outcomes = checks.map((check): CheckOutcome => {
    if (check.kind === "not_evaluated") return notEvaluated(check, check.reason);
    if (check.kind === "freshness") {
      if (!state?.lastMessageAt) return { check, status: "failed", measured: null, unit: "seconds", threshold: check.thresholdText, reason: "no message has been seen on the topic yet", sample: null };
      const age = Math.max(0, (at.getTime() - state.lastMessageAt.getTime()) / 1000);
      return judged(check, Math.round(age), { reason: `newest message ${formatDuration(age)} old` });
    }
    if (!isPerRecordCheck(check)) return notEvaluated(check, "this rule is checked on the table, not record by record");
    if (!window || window.records === 0) return notEvaluated(check, "no records in the last window of the stream");
    const counted = window.checks[check.key] ?? { failing: 0, sample: [] };
    const measured = check.unit === "percent" ? (counted.failing * 100) / window.records : counted.failing;
    return judged(check, measured, { reason: `${counted.failing} of the last ${window.records} records`, sample: counted.sample });
  });
  const recorded = await recordQualityRun(
    { id: port.id, name: port.name, product: port.dataProduct },
    { trigger, contractVersion: active?.version ?? "none", startedAt: at, durationMs: performance.now() - started, outcomes },
  );
  return { ...recorded, outcomes };
}
