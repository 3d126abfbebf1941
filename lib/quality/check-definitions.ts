import type { OdcsContract, QualityRule, SchemaObject, SchemaProperty, SlaProperty } from "@/lib/contracts/contract-types";
import { logicalTypeOf } from "@/lib/contracts/logical-type-of";
import { describeThreshold, thresholdOf, type Threshold } from "./threshold";

export const LIBRARY_METRICS = ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"] as const;
export type LibraryMetric = (typeof LIBRARY_METRICS)[number];

/** Where a check runs: on a table port's table, or on a topic port's stream (a window of recent records). */
export type CheckTarget = "table" | "stream";

type Base = {
  /** Stable across runs and contract versions: the rule's id, else where it sits and what it measures. */
  key: string;
  name: string;
  description?: string;
  dimension?: string;
  severity: string;
  /** The column a property-level rule is about (physicalName, else name). */
  property?: string;
  /** The ODCS `schedule` (cron) of the rule, when it states one. */
  schedule?: string;
};

export type LibraryCheck = Base & {
  kind: "library";
  metric: LibraryMetric;
  unit: "rows" | "percent";
  threshold: Threshold;
  thresholdText: string;
  /** duplicateValues over several columns (object-level rule with arguments.properties). */
  properties?: string[];
  missingValues?: (string | number | boolean)[];
  validValues?: (string | number | boolean)[];
  pattern?: string;
};

export type SqlCheck = Base & { kind: "sql"; query: string; threshold: Threshold; thresholdText: string; unit: string };

export type FreshnessCheck = Base & {
  kind: "freshness";
  /** Longest allowed time since the newest row / message, in seconds. */
  maxAgeSeconds: number;
  threshold: Threshold;
  thresholdText: string;
  /** The table column holding each row's time; _timestamp (the stream's time) unless the SLA names one. */
  column: string;
};

export type UnrunnableCheck = Base & { kind: "not_evaluated"; metric: string; reason: string; thresholdText?: string };

export type CheckDefinition = LibraryCheck | SqlCheck | FreshnessCheck | UnrunnableCheck;

/** ODCS v3.0's `rule` names for what v3.1 calls metrics. */
const LEGACY_RULES: Record<string, LibraryMetric> = { nullCheck: "nullValues", uniqueCheck: "duplicateValues", duplicateCount: "duplicateValues", rowCount: "rowCount", validValues: "invalidValues" };

const TIME_TYPES = new Set(["timestamp", "date"]);

/** The schema object a port's data follows: the one named like its table or topic, else the first. */
export function portSchemaObject(contract: OdcsContract, location: string | null | undefined): SchemaObject | undefined {
  const objects = contract.schema ?? [];
  const wanted = (location ?? "").toLowerCase();
  const names = [wanted, wanted.split(".").pop() ?? ""].filter(Boolean);
  return objects.find((o) => [o.physicalName, o.name].some((n) => n && names.includes(n.toLowerCase()))) ?? objects[0];
}

export const columnOf = (property: SchemaProperty) => (property.physicalName ?? property.name).trim();

/**
 * Every quality rule of a port's contract and its freshness SLA, as checks Meshwork can run on `target`, or as
 * "not evaluated" with the reason (custom engines, text rules, unknown metrics, rules on other schema objects...).
 * Nothing a contract states is dropped: a rule we cannot run is shown as such, never as passed.
 */
export function qualityChecksOf(contract: OdcsContract, location: string | null | undefined, target: CheckTarget): CheckDefinition[] {
  const checks: CheckDefinition[] = [];
  const keys = new Set<string>();
  const uniqueKey = (base: string) => {
    let key = base;
    for (let n = 2; keys.has(key); n++) key = `${base}#${n}`;
    keys.add(key);
    return key;
  };
  const object = portSchemaObject(contract, location);
  for (const other of contract.schema ?? []) {
    const ours = other === object;
    const columns = new Map((other.properties ?? []).map((p) => [columnOf(p), p]));
    for (const rule of other.quality ?? []) {
      const check = fromRule(rule, other.name, undefined, columns, target, uniqueKey);
      checks.push(ours ? check : unrunnable(check, `it is a rule of schema object ${other.name}, which is not this port's ${target === "table" ? "table" : "topic"}`));
    }
    for (const property of other.properties ?? []) {
      for (const rule of property.quality ?? []) {
        const check = fromRule(rule, other.name, property, columns, target, uniqueKey);
        checks.push(ours ? check : unrunnable(check, `it is a rule of schema object ${other.name}, which is not this port's ${target === "table" ? "table" : "topic"}`));
      }
      for (const nested of nestedRules(property)) {
        const check = fromRule(nested.rule, other.name, undefined, columns, target, uniqueKey, nested.path);
        checks.push(unrunnable(check, `${nested.path} is a nested field; Meshwork checks top-level columns only`));
      }
    }
  }
  checks.push(...freshnessChecks(contract.slaProperties ?? [], object, target, uniqueKey));
  return checks;
}

function unrunnable(check: CheckDefinition, reason: string): CheckDefinition {
  if (check.kind === "not_evaluated") return check;
  const metric = check.kind === "library" ? check.metric : check.kind;
  return { key: check.key, name: check.name, description: check.description, dimension: check.dimension, severity: check.severity, property: check.property, kind: "not_evaluated", metric, reason, thresholdText: check.thresholdText };
}

function nestedRules(property: SchemaProperty, path = property.name): { rule: QualityRule; path: string }[] {
  const found: { rule: QualityRule; path: string }[] = [];
  const stack = [...(property.properties ?? []).map((p) => ({ node: p, path: `${path}.${p.name}` })), ...(property.items ? [{ node: property.items, path: `${path}[]` }] : [])];
  while (stack.length > 0) {
    const { node, path: at } = stack.pop()!;
    for (const rule of node.quality ?? []) found.push({ rule, path: at });
    for (const child of node.properties ?? []) stack.push({ node: child, path: `${at}.${child.name}` });
    if (node.items) stack.push({ node: node.items, path: `${at}[]` });
  }
  return found;
}

function fromRule(rule: QualityRule, objectName: string, property: SchemaProperty | undefined, columns: Map<string, SchemaProperty>, target: CheckTarget, uniqueKey: (base: string) => string, nestedPath?: string): CheckDefinition {
  const at = nestedPath ? `${objectName}.${nestedPath}` : property ? `${objectName}.${property.name}` : objectName;
  const type = rule.type ?? "library";
  const metricName = type === "library" ? (rule.metric ?? (rule.rule ? (LEGACY_RULES[rule.rule] ?? rule.rule) : undefined)) : type;
  const key = uniqueKey(rule.id ?? `${at}:${rule.name ?? metricName ?? type}`);
  const column = property ? columnOf(property) : undefined;
  const base: Base = {
    key,
    name: rule.name ?? (metricName ? `${metricName}${property ? ` of ${property.name}` : nestedPath ? ` of ${nestedPath}` : ""}` : (rule.description ?? key)),
    ...(rule.description ? { description: rule.description } : {}),
    ...(rule.dimension ? { dimension: rule.dimension } : {}),
    severity: (typeof rule.severity === "string" && rule.severity.trim().toLowerCase()) || "error",
    ...(column ? { property: column } : {}),
    ...(typeof rule.schedule === "string" && rule.schedule.trim() ? { schedule: rule.schedule.trim() } : {}),
  };
  const no = (reason: string, thresholdText?: string): UnrunnableCheck => ({ ...base, kind: "not_evaluated", metric: metricName ?? type, reason, ...(thresholdText ? { thresholdText } : {}) });
  if (type === "text") return no("a text rule describes quality in words; there is nothing to run");
  if (type === "custom") return no(`a custom rule for the ${String(rule.engine ?? "unnamed")} engine runs in that engine, not in Meshwork`);
  const threshold = thresholdOf(rule);
  if (type === "sql") {
    if (typeof rule.query !== "string" || !rule.query.trim()) return no("the sql rule has no query");
    if (!threshold.ok) return no(threshold.reason);
    const unit = typeof rule.unit === "string" ? rule.unit : "";
    if (target === "stream") return no("sql rules run on the table, not on the stream", describeThreshold(threshold.threshold, unit));
    return { ...base, kind: "sql", query: rule.query, threshold: threshold.threshold, thresholdText: describeThreshold(threshold.threshold, unit), unit };
  }
  if (type !== "library") return no(`"${String(type)}" is not a quality rule type of ODCS v3.1 (text, library, sql, custom)`);
  if (!metricName) return no("the library rule names no metric");
  if (!(LIBRARY_METRICS as readonly string[]).includes(metricName)) return no(`"${metricName}" is not a library metric Meshwork knows (${LIBRARY_METRICS.join(", ")})`);
  const metric = metricName as LibraryMetric;
  const unitRaw = rule.unit === undefined ? "rows" : String(rule.unit).toLowerCase();
  if (unitRaw !== "rows" && unitRaw !== "percent") return no(`unit "${String(rule.unit)}" is neither rows nor percent`);
  const unit = unitRaw as "rows" | "percent";
  if (!threshold.ok) return no(threshold.reason);
  const thresholdText = describeThreshold(threshold.threshold, unit);
  if (nestedPath) return no("nested field", thresholdText);
  const args = (rule.arguments && typeof rule.arguments === "object" ? rule.arguments : {}) as Record<string, unknown>;
  const check: LibraryCheck = { ...base, kind: "library", metric, unit, threshold: threshold.threshold, thresholdText };
  if (metric === "rowCount") {
    if (property) return no("rowCount is a rule of a schema object, not of a property", thresholdText);
    if (unit === "percent") return no("rowCount counts rows; a percentage of it has no meaning", thresholdText);
    if (target === "stream") return no("rowCount is measured on the table; a stream has no fixed number of rows", thresholdText);
    return check;
  }
  if (!property) {
    if (metric !== "duplicateValues") return no(`${metric} is a rule of a property; this one sits on the schema object`, thresholdText);
    const listed = Array.isArray(args.properties) ? args.properties.filter((p): p is string => typeof p === "string") : [];
    if (listed.length === 0) return no("duplicateValues on a schema object needs arguments.properties, the columns that together must be unique", thresholdText);
    const unknown = listed.filter((name) => ![...columns.values()].some((p) => p.name === name || columnOf(p) === name));
    if (unknown.length > 0) return no(`arguments.properties names ${unknown.join(", ")}, which the schema object does not have`, thresholdText);
    return { ...check, properties: listed.map((name) => columnOf([...columns.values()].find((p) => p.name === name || columnOf(p) === name)!)) };
  }
  const scalar = (values: unknown) => (Array.isArray(values) ? values.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v)) : undefined);
  if (metric === "missingValues") return { ...check, missingValues: scalar(args.missingValues) ?? [] };
  if (metric === "invalidValues") {
    const validValues = scalar(args.validValues);
    const pattern = typeof args.pattern === "string" ? args.pattern : undefined;
    if (!validValues && !pattern) return no("invalidValues needs arguments.validValues or arguments.pattern", thresholdText);
    return { ...check, ...(validValues ? { validValues } : {}), ...(pattern ? { pattern } : {}) };
  }
  if (["object", "array"].includes(logicalTypeOf(property) ?? "") && metric === "duplicateValues") return no("duplicates of a nested object or array are not compared", thresholdText);
  return check;
}

const SECONDS: Record<string, number> = { s: 1, sec: 1, second: 1, seconds: 1, m: 60, min: 60, mins: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400, w: 604800, week: 604800, weeks: 604800, y: 31536000, yr: 31536000, year: 31536000, years: 31536000 };

/** An SLA duration in seconds: value 15 with unit "m", "min" or "minutes"; null when it is not one. */
export function slaSeconds(sla: SlaProperty): number | null {
  const value = typeof sla.value === "number" ? sla.value : typeof sla.value === "string" && /^\d+(\.\d+)?$/.test(sla.value.trim()) ? Number(sla.value) : NaN;
  const unit = SECONDS[(sla.unit ?? "").trim().toLowerCase()];
  if (!Number.isFinite(value) || value <= 0 || !unit) return null;
  return value * unit;
}

function freshnessChecks(slas: SlaProperty[], object: SchemaObject | undefined, target: CheckTarget, uniqueKey: (base: string) => string): CheckDefinition[] {
  return slas
    .filter((sla) => ["latency", "freshness"].includes(String(sla.property).toLowerCase()))
    .map((sla): CheckDefinition => {
      const key = uniqueKey(sla.id ?? `sla:${sla.property}`);
      const base: Base = { key, name: `Freshness (${sla.property} SLA)`, description: sla.description ?? `The newest ${target === "table" ? "row" : "message"} is at most ${sla.value} ${sla.unit ?? ""} old`, dimension: "timeliness", severity: "error" };
      const seconds = slaSeconds(sla);
      if (seconds === null) return { ...base, kind: "not_evaluated", metric: "freshness", reason: `the SLA's ${sla.property} (${String(sla.value)} ${sla.unit ?? "no unit"}) is not a duration Meshwork can read (a number with s, m, h, d, w or y)` };
      const threshold: Threshold = { operator: "mustBeLessOrEqualTo", value: seconds };
      const thresholdText = `≤ ${formatDuration(seconds)}`;
      let column = "_timestamp";
      if (target === "table" && typeof sla.element === "string" && sla.element.trim()) {
        const name = sla.element.trim().split(",")[0].trim().split(".").pop()!;
        const property = (object?.properties ?? []).find((p) => p.name === name || columnOf(p) === name);
        if (!property) return { ...base, kind: "not_evaluated", metric: "freshness", reason: `the SLA's element ${sla.element} names no column of this port's table`, thresholdText };
        if (!TIME_TYPES.has(logicalTypeOf(property) ?? "")) return { ...base, kind: "not_evaluated", metric: "freshness", reason: `the SLA's element ${sla.element} is not a date or timestamp column`, thresholdText };
        column = columnOf(property);
      }
      return { ...base, kind: "freshness", maxAgeSeconds: seconds, threshold, thresholdText, column };
    });
}

/** 90 → "1.5 min", 86400 → "1 d". */
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]];
  for (const [size, name] of units) if (Math.abs(seconds) >= size) return `${Math.round((seconds / size) * 10) / 10} ${name}`;
  return `${Math.round(seconds * 10) / 10} s`;
}
