import type { QualityRule } from "@/lib/contracts/contract-types";

/** ODCS v3.1's comparison operators on a quality rule's measured value. */
export const OPERATORS = ["mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"] as const;
export type Operator = (typeof OPERATORS)[number];

export type Threshold = { operator: Operator; value: number } | { operator: "mustBeBetween" | "mustNotBeBetween"; value: [number, number] };

const WORDS: Record<Operator, string> = {
  mustBe: "=",
  mustNotBe: "≠",
  mustBeGreaterThan: ">",
  mustBeGreaterOrEqualTo: "≥",
  mustBeLessThan: "<",
  mustBeLessOrEqualTo: "≤",
  mustBeBetween: "between",
  mustNotBeBetween: "not between",
};

/** The rule's threshold, or why it has none we can compare with (no operator, two operators, a non-numeric value). */
export function thresholdOf(rule: QualityRule): { ok: true; threshold: Threshold } | { ok: false; reason: string } {
  const present = OPERATORS.filter((op) => rule[op] !== undefined && rule[op] !== null);
  if (present.length === 0) return { ok: false, reason: "the rule states no threshold (mustBe, mustBeLessThan, …)" };
  if (present.length > 1) return { ok: false, reason: `the rule states ${present.length} thresholds (${present.join(", ")}); ODCS allows one` };
  const operator = present[0];
  const raw = rule[operator];
  if (operator === "mustBeBetween" || operator === "mustNotBeBetween") {
    if (!Array.isArray(raw) || raw.length !== 2 || !raw.every((v) => typeof v === "number" && Number.isFinite(v))) return { ok: false, reason: `${operator} needs two numbers, [low, high]` };
    const [low, high] = raw as [number, number];
    return { ok: true, threshold: { operator, value: low <= high ? [low, high] : [high, low] } };
  }
  if (typeof raw !== "number" || !Number.isFinite(raw)) return { ok: false, reason: `${operator} is ${JSON.stringify(raw)}, not a number` };
  return { ok: true, threshold: { operator, value: raw } as Threshold };
}

/** Whether `measured` meets the threshold; bounds of mustBeBetween are inclusive (ODCS: "between 5 and 10" includes both). */
export function meetsThreshold(measured: number, threshold: Threshold): boolean {
  const { operator, value } = threshold;
  switch (operator) {
    case "mustBe":
      return measured === value;
    case "mustNotBe":
      return measured !== value;
    case "mustBeGreaterThan":
      return measured > (value as number);
    case "mustBeGreaterOrEqualTo":
      return measured >= (value as number);
    case "mustBeLessThan":
      return measured < (value as number);
    case "mustBeLessOrEqualTo":
      return measured <= (value as number);
    case "mustBeBetween": {
      const [low, high] = value as [number, number];
      return measured >= low && measured <= high;
    }
    case "mustNotBeBetween": {
      const [low, high] = value as [number, number];
      return measured < low || measured > high;
    }
  }
}

/** The threshold in a few characters, with the unit: "≤ 5 %", "between 10 and 20 rows", "≤ 15 min". */
export function describeThreshold(threshold: Threshold, unit: string): string {
  const suffix = unit === "percent" ? " %" : unit ? ` ${unit}` : "";
  if (Array.isArray(threshold.value)) return `${WORDS[threshold.operator]} ${threshold.value[0]} and ${threshold.value[1]}${suffix}`;
  return `${WORDS[threshold.operator]} ${threshold.value}${suffix}`;
}
