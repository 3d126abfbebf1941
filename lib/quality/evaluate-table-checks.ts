import pg from "pg";
import type { Queryable } from "@/lib/data-tables/data-database";
import type { CheckDefinition, FreshnessCheck, LibraryCheck, SqlCheck } from "./check-definitions";
export type { CheckOutcome, CheckStatus } from "./check-outcome";
import { formatDuration } from "./check-definitions";
import { judged, notEvaluated, type CheckOutcome } from "./check-outcome";
import { countDuplicates, duplicateChains, duplicateSampleCondition, type DuplicateCount } from "./count-duplicates";
import { runSqlCheck } from "./run-sql-check";

export const SAMPLE_SIZE = 10;
const q = pg.escapeIdentifier;

export type TableCheckOptions = {
  now: Date;
  /** The restricted role sql checks run as; without it they are not evaluated. */
  sqlRole?: string;
  statementTimeoutMs?: number;
  /** Collect failing-row samples (default true). */
  samples?: boolean;
  /** Told how long each phase took (aggregate, duplicates per set of columns, sql, samples; the first three overlap on a pool), for the benchmark. */
  onPhase?: (phase: string, ms: number) => void;
};

/** The SQL condition a row fails a per-row library check on, with its parameters appended to `params`. */
function failingCondition(check: LibraryCheck, params: unknown[]): string | null {
  const column = q(check.property!);
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  switch (check.metric) {
    case "nullValues":
      return `${column} IS NULL`;
    case "missingValues": {
      const listed = (check.missingValues ?? []).map(String);
      return listed.length > 0 ? `(${column} IS NULL OR ${column}::text = ANY(${param(listed)}::text[]))` : `${column} IS NULL`;
    }
    case "invalidValues": {
      const parts: string[] = [];
      if (check.validValues) parts.push(`NOT (${column}::text = ANY(${param(check.validValues.map(String))}::text[]))`);
      if (check.pattern) parts.push(`${column}::text !~ ${param(check.pattern)}`);
      return `(${column} IS NOT NULL AND (${parts.join(" OR ")}))`;
    }
    default:
      return null;
  }
}

const percentOf = (count: number, rows: number) => (rows === 0 ? 0 : (count * 100) / rows);

/** Two checks of one metric, column and arguments (rows and percent) fail on the same rows: one count serves both. */
const conditionKey = (check: LibraryCheck) => JSON.stringify([check.metric, check.property, check.missingValues, check.validValues, check.pattern]);

/** The columns a duplicate check compares, and one text per set of them (two checks of one set share a count). */
const setOf = (check: LibraryCheck) => check.properties ?? [check.property!];
const setKey = (set: string[]) => set.join("\u0000");

/** Runs the tasks at once on a pool's connections, one after the other on a single client (one connection). */
async function concurrently(client: Queryable, tasks: (() => Promise<void>)[]): Promise<void> {
  if (client instanceof pg.Pool) await Promise.all(tasks.map((task) => task()));
  else for (const task of tasks) await task();
}

/**
 * Runs a table's checks with as few scans as it can: one aggregate query for every null, missing, invalid, row-count
 * and freshness check, one sort per chain of sets of columns checked for duplicates (which also brings back a few
 * repeated keys), and sql checks each in a read-only transaction as the restricted role, at once when `client` is a
 * pool; then one query for the failing-row samples of the failed checks that have failing rows.
 */
export async function evaluateTableChecks(client: Queryable, location: { schema: string; table: string }, checks: CheckDefinition[], options: TableCheckOptions): Promise<CheckOutcome[]> {
  const qualified = `${q(location.schema)}.${q(location.table)}`;
  // bytewise: a plain text type under a deterministic collation, where equal values are equal bytes (see countDuplicates).
  const { rows: columnRows } = await client.query<{ attname: string; bytewise: boolean }>(
    `SELECT a.attname::text, a.atttypid IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype) AND coalesce(co.collisdeterministic, false) AS bytewise
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_collation co ON co.oid = a.attcollation
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [location.schema, location.table],
  );
  const outcomes = new Map<CheckDefinition, CheckOutcome>();
  if (columnRows.length === 0) {
    return checks.map((c) => (c.kind === "not_evaluated" ? notEvaluated(c, c.reason) : notEvaluated(c, `the table ${location.schema}.${location.table} does not exist yet`)));
  }
  const columns = new Set(columnRows.map((r) => r.attname));
  const bytewise = new Set(columnRows.filter((r) => r.bytewise).map((r) => r.attname));
  const aggregate: { check: LibraryCheck | FreshnessCheck; alias: string; condition?: string }[] = [];
  const aliasOfCondition = new Map<string, string>();
  const duplicates: LibraryCheck[] = [];
  const sql: SqlCheck[] = [];
  const params: unknown[] = [];
  let needsRowCount = false;
  for (const check of checks) {
    if (check.kind === "not_evaluated") {
      outcomes.set(check, notEvaluated(check, check.reason));
      continue;
    }
    if (check.kind === "sql") {
      sql.push(check);
      continue;
    }
    const missing = [check.kind === "freshness" ? check.column : check.property, ...(check.kind === "library" ? (check.properties ?? []) : [])].filter((c): c is string => !!c && !columns.has(c));
    if (missing.length > 0) {
      outcomes.set(check, notEvaluated(check, `the table has no column ${missing.join(", ")} (is it created from the active contract?)`));
      continue;
    }
    if (check.kind === "library" && check.pattern && !(await isValidPattern(client, check.pattern))) {
      outcomes.set(check, notEvaluated(check, `arguments.pattern ${JSON.stringify(check.pattern)} is not a regular expression PostgreSQL accepts`));
      continue;
    }
    if (check.kind === "library" && check.metric === "duplicateValues") {
      duplicates.push(check);
      needsRowCount ||= check.unit === "percent";
      continue;
    }
    if (check.kind === "library" && check.metric === "rowCount") {
      needsRowCount = true;
      continue;
    }
    if (check.kind === "freshness") {
      aggregate.push({ check, alias: `m${aggregate.length}` });
      continue;
    }
    const shared = aliasOfCondition.get(conditionKey(check));
    if (shared) {
      aggregate.push({ check, alias: shared });
      continue;
    }
    const alias = `m${aggregate.length}`;
    aliasOfCondition.set(conditionKey(check), alias);
    aggregate.push({ check, alias, condition: failingCondition(check, params)! });
  }

  const timed = async <T,>(phase: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      options.onPhase?.(phase, performance.now() - started);
    }
  };
  let rowCount = 0;
  const measuredBy = new Map<string, unknown>();
  const counted = aggregate.filter((a) => a.check.kind === "freshness" || a.condition !== undefined);
  const aggregateScan = async () => {
    if (aggregate.length === 0 && !needsRowCount && !checks.some((c) => c.kind === "library" && c.metric === "rowCount")) return;
    const expressions = counted.map(({ check, alias, condition }) =>
      check.kind === "freshness" ? `extract(epoch FROM max(${q(check.column)})::timestamptz) AS ${alias}` : `count(*) FILTER (WHERE ${condition}) AS ${alias}`,
    );
    const { rows } = await timed("aggregate scan", () => client.query({ text: `SELECT count(*) AS n${expressions.map((e) => `, ${e}`).join("")} FROM ${qualified}`, values: params }));
    rowCount = Number(rows[0].n);
    for (const { alias } of counted) measuredBy.set(alias, rows[0][alias]);
  };
  // Two checks of one set of columns (rows and percent) share one count.
  const duplicateCounts = new Map<string, DuplicateCount>();
  const distinctSets = [...new Map(duplicates.map((d) => [setKey(setOf(d)), setOf(d)])).values()];
  const duplicateScans = duplicateChains(distinctSets).map((chain) => async () => {
    const counts = await timed(`duplicates of ${chain.sets.map((set) => `(${set.join(", ")})`).join(" and ")}`, () => countDuplicates(client, qualified, chain, bytewise));
    for (const [i, set] of chain.sets.entries()) duplicateCounts.set(setKey(set), counts[i]);
  });
  const sqlChecks = async () => {
    for (const check of sql) outcomes.set(check, await timed(`sql: ${check.name}`, () => runSqlCheck(client, location, check, { role: options.sqlRole, statementTimeoutMs: options.statementTimeoutMs })));
  };
  // The sorts take longest, so they start first.
  await concurrently(client, [...duplicateScans, aggregateScan, sqlChecks]);

  const failingRows = new Map<CheckDefinition, number>();
  for (const { check, alias } of aggregate) {
    const raw = measuredBy.get(alias);
    if (check.kind === "freshness") {
      if (raw === null || raw === undefined) {
        outcomes.set(check, { check, status: "failed", measured: null, unit: "seconds", threshold: check.thresholdText, reason: "the table has no rows yet", sample: null });
        continue;
      }
      const age = Math.max(0, options.now.getTime() / 1000 - Number(raw));
      outcomes.set(check, judged(check, Math.round(age), { reason: `newest row ${formatDuration(age)} old` }));
      continue;
    }
    const count = Number(raw);
    failingRows.set(check, count);
    outcomes.set(check, judged(check, check.unit === "percent" ? percentOf(count, rowCount) : count, { reason: `${count} of ${rowCount} rows` }));
  }
  for (const check of checks) {
    if (check.kind === "library" && check.metric === "rowCount" && !outcomes.has(check)) outcomes.set(check, judged(check, rowCount));
  }
  for (const check of duplicates) {
    const set = setOf(check);
    const count = duplicateCounts.get(setKey(set))!.duplicates;
    failingRows.set(check, count);
    outcomes.set(check, judged(check, check.unit === "percent" ? percentOf(count, rowCount) : count, { reason: `${count} rows repeat a value${set.length > 1 ? ` of (${set.join(", ")})` : ""}` }));
  }

  if (options.samples !== false) await attachSamples(client, qualified, outcomes, failingRows, duplicateCounts, timed);
  return checks.map((c) => outcomes.get(c)!);
}

/** Samples the failed library checks that have failing rows; a duplicate check by the rows its count pointed at. */
async function attachSamples(
  client: Queryable,
  qualified: string,
  outcomes: Map<CheckDefinition, CheckOutcome>,
  failingRows: Map<CheckDefinition, number>,
  duplicateCounts: Map<string, DuplicateCount>,
  timed: <T>(phase: string, work: () => Promise<T>) => Promise<T>,
) {
  const params: unknown[] = [];
  const branches: { outcomes: CheckOutcome[]; sql: string }[] = [];
  // Two checks that fail on the same rows (rows and percent of one metric and column, or of one set) share one sample.
  const byRows = new Map<string, CheckOutcome[]>();
  for (const outcome of outcomes.values()) {
    const { check } = outcome;
    if (outcome.status !== "failed" || check.kind !== "library" || check.metric === "rowCount" || !failingRows.get(check)) continue;
    const key = check.metric === "duplicateValues" ? `duplicates ${setKey(setOf(check))}` : conditionKey(check);
    const shared = byRows.get(key);
    if (shared) {
      shared.push(outcome);
      continue;
    }
    const group = [outcome];
    byRows.set(key, group);
    const sql = check.metric === "duplicateValues" ? duplicateSampleCondition(qualified, "t", setOf(check), duplicateCounts.get(setKey(setOf(check)))!, params) : failingCondition(check, params)!;
    branches.push({ outcomes: group, sql });
  }
  if (branches.length === 0) return;
  const text = branches.map((b, i) => `(SELECT ${i} AS branch, to_jsonb(t) AS row FROM ${qualified} t WHERE ${b.sql} LIMIT ${SAMPLE_SIZE})`).join(" UNION ALL ");
  const { rows } = await timed("failing-row samples", () => client.query<{ branch: number; row: Record<string, unknown> }>({ text, values: params }));
  for (const [i, branch] of branches.entries()) {
    const sample = rows.filter((r) => r.branch === i).map((r) => trimRow(r.row));
    for (const outcome of branch.outcomes) outcome.sample = sample;
  }
}

/** Long values are cut, so a sample stays small whatever the table holds. */
function trimRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && v.length > 300 ? `${v.slice(0, 300)}…` : v !== null && typeof v === "object" && JSON.stringify(v).length > 300 ? `${JSON.stringify(v).slice(0, 300)}…` : v]));
}

async function isValidPattern(client: Queryable, pattern: string): Promise<boolean> {
  return client.query("SELECT '' ~ $1", [pattern]).then(
    () => true,
    () => false,
  );
}

