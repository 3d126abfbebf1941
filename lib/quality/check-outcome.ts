import type { CheckDefinition, LibraryCheck } from "./check-definitions";
import { meetsThreshold } from "./threshold";

export type CheckStatus = "passed" | "failed" | "not_evaluated";

export type CheckOutcome = {
  check: CheckDefinition;
  status: CheckStatus;
  measured: number | null;
  unit: string | null;
  threshold: string | null;
  reason: string | null;
  /** Up to SAMPLE_SIZE failing rows, as stored (unmasked). */
  sample: Record<string, unknown>[] | null;
};

export function notEvaluated(check: CheckDefinition, reason: string): CheckOutcome {
  return { check, status: "not_evaluated", measured: null, unit: unitOf(check), threshold: check.thresholdText ?? null, reason, sample: null };
}

const unitOf = (check: CheckDefinition) => (check.kind === "library" ? check.unit : check.kind === "freshness" ? "seconds" : check.kind === "sql" ? check.unit || null : null);

export function judged(check: CheckDefinition & { threshold: LibraryCheck["threshold"] }, measured: number, extra: { reason?: string; sample?: Record<string, unknown>[] | null } = {}): CheckOutcome {
  const passed = meetsThreshold(measured, check.threshold);
  return { check, status: passed ? "passed" : "failed", measured, unit: unitOf(check), threshold: check.thresholdText ?? null, reason: extra.reason ?? null, sample: passed ? null : (extra.sample ?? null) };
}

