import type { QualityRule, SchemaItem, SchemaProperty, SlaProperty } from "@/lib/contracts/contract-types";

const PII = /^(pii|personal[-_ ]?data|personal|gdpr|phi)$/i;
const truthy = (v: unknown) => v === true || (typeof v === "string" && /^(true|yes|y|1)$/i.test(v));

/** Marked as personal data by its classification, a tag, or a custom property such as `pii: true`. */
export function isPersonalData(p: SchemaItem): boolean {
  if (p.classification && /pii|personal/i.test(p.classification)) return true;
  if (p.tags?.some((t) => PII.test(t))) return true;
  return (p.customProperties ?? []).some((c) => /pii|personal/i.test(c.property) && truthy(c.value));
}

export type FieldRow = { key: string; depth: number; name: string; property: SchemaItem; path: string };

/** Flattens nested properties (objects and array items) into indented table rows. */
export function flattenProperties(properties: SchemaProperty[] | null | undefined, depth = 0, parent = ""): FieldRow[] {
  return (properties ?? []).flatMap((p, i) => {
    const path = parent ? `${parent}.${p.name}` : p.name;
    const row: FieldRow = { key: `${path}#${i}`, depth, name: p.name, property: p, path };
    return [row, ...children(p, depth + 1, path)];
  });
}

function children(p: SchemaItem, depth: number, path: string): FieldRow[] {
  const nested = flattenProperties(p.properties, depth, path);
  if (!p.items) return nested;
  const itemPath = `${path}[]`;
  const itemRow: FieldRow = { key: `${itemPath}#items`, depth, name: p.items.name ?? "[items]", property: p.items, path: itemPath };
  return [...nested, itemRow, ...children(p.items, depth + 1, itemPath)];
}

const THRESHOLDS: [keyof QualityRule, string][] = [
  ["mustBe", "="],
  ["mustNotBe", "≠"],
  ["mustBeGreaterThan", ">"],
  ["mustBeGreaterOrEqualTo", "≥"],
  ["mustBeLessThan", "<"],
  ["mustBeLessOrEqualTo", "≤"],
];

const show = (v: unknown) => (typeof v === "object" ? JSON.stringify(v) : String(v));

export function describeThreshold(rule: QualityRule): string {
  const parts = THRESHOLDS.filter(([key]) => rule[key] !== undefined).map(([key, op]) => `${op} ${show(rule[key])}`);
  if (Array.isArray(rule.mustBeBetween)) parts.push(`between ${rule.mustBeBetween[0]} and ${rule.mustBeBetween[1]}`);
  if (Array.isArray(rule.mustNotBeBetween)) parts.push(`not between ${rule.mustNotBeBetween[0]} and ${rule.mustNotBeBetween[1]}`);
  return parts.join(", ");
}

const METRICS: Record<string, string> = {
  nullValues: "Null values",
  missingValues: "Missing values",
  invalidValues: "Invalid values",
  duplicateValues: "Duplicate values",
  rowCount: "Row count",
};

export function describeMetric(rule: QualityRule): string {
  if (rule.metric) return METRICS[rule.metric] ?? rule.metric;
  if (rule.rule) return METRICS[rule.rule] ?? rule.rule;
  if (rule.query) return rule.query;
  return rule.name ?? "";
}

const UNITS: Record<string, [string, string]> = {
  ms: ["millisecond", "milliseconds"],
  s: ["second", "seconds"],
  sec: ["second", "seconds"],
  m: ["minute", "minutes"],
  min: ["minute", "minutes"],
  h: ["hour", "hours"],
  hr: ["hour", "hours"],
  d: ["day", "days"],
  day: ["day", "days"],
  days: ["day", "days"],
  w: ["week", "weeks"],
  mo: ["month", "months"],
  month: ["month", "months"],
  months: ["month", "months"],
  y: ["year", "years"],
  yr: ["year", "years"],
  year: ["year", "years"],
  years: ["year", "years"],
};

const SLA_LABELS: Record<string, string> = {
  latency: "Latency",
  freshness: "Freshness",
  retention: "Retention",
  frequency: "Update frequency",
  availability: "Availability",
  throughput: "Throughput",
  errorRate: "Error rate",
  generalAvailability: "General availability",
  endOfSupport: "End of support",
  endOfLife: "End of life",
  timeOfAvailability: "Time of availability",
  timeToDetect: "Time to detect",
  timeToNotify: "Time to notify",
  timeToRepair: "Time to repair",
};

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase());

export const slaLabel = (property: string) => SLA_LABELS[property] ?? humanize(property);

/** "5 minutes", "99.9 %", "2026-01-01" — the value and unit read aloud. */
export function describeSlaValue(sla: SlaProperty): string {
  const value = sla.value === null || sla.value === undefined ? "—" : String(sla.value);
  const unit = sla.unit?.trim();
  if (!unit) return value;
  const words = UNITS[unit.toLowerCase()];
  if (!words) return `${value} ${unit}`;
  return `${value} ${Number(sla.value) === 1 ? words[0] : words[1]}`;
}
