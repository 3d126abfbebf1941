import pg from "pg";
import { inDataTransaction, type Queryable } from "@/lib/data-tables/data-database";
import type { CheckDefinition, FreshnessCheck, LibraryCheck, SqlCheck } from "./check-definitions";
export type { CheckOutcome, CheckStatus } from "./check-outcome";
import { formatDuration } from "./check-definitions";
import { judged, notEvaluated, type CheckOutcome } from "./check-outcome";
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
  /** Told how long each phase took (aggregate, duplicates, sql, samples), for the benchmark. */
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

/**
 * Runs a table's checks with as few scans as it can: one aggregate query for every null, missing, invalid, row-count
 * and freshness check, one grouping-sets query for every duplicate check, then (only for failed checks) one query
 * for the failing-row samples; sql checks each in a read-only transaction as the restricted role.
 */
export async function evaluateTableChecks(client: Queryable, location: { schema: string; table: string }, checks: CheckDefinition[], options: TableCheckOptions): Promise<CheckOutcome[]> {
  const qualified = `${q(location.schema)}.${q(location.table)}`;
  const { rows: columnRows } = await client.query<{ attname: string }>(
    `SELECT a.attname::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
    [location.schema, location.table],
  );
  const outcomes = new Map<CheckDefinition, CheckOutcome>();
  if (columnRows.length === 0) {
    return checks.map((c) => (c.kind === "not_evaluated" ? notEvaluated(c, c.reason) : notEvaluated(c, `the table ${location.schema}.${location.table} does not exist yet`)));
  }
  const columns = new Set(columnRows.map((r) => r.attname));
  const aggregate: { check: LibraryCheck | FreshnessCheck; alias: string; condition?: string }[] = [];
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
    const alias = `m${aggregate.length}`;
    if (check.kind === "freshness") aggregate.push({ check, alias });
    else aggregate.push({ check, alias, condition: failingCondition(check, params)! });
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
  if (aggregate.length > 0 || needsRowCount || checks.some((c) => c.kind === "library" && c.metric === "rowCount")) {
    const expressions = aggregate.map(({ check, alias, condition }) =>
      check.kind === "freshness" ? `extract(epoch FROM max(${q(check.column)})::timestamptz) AS ${alias}` : `count(*) FILTER (WHERE ${condition}) AS ${alias}`,
    );
    const { rows } = await timed("aggregate scan", () => client.query({ text: `SELECT count(*) AS n${expressions.map((e) => `, ${e}`).join("")} FROM ${qualified}`, values: params }));
    rowCount = Number(rows[0].n);
    for (const { alias } of aggregate) measuredBy.set(alias, rows[0][alias]);
  }
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
    outcomes.set(check, judged(check, check.unit === "percent" ? percentOf(count, rowCount) : count, { reason: `${count} of ${rowCount} rows` }));
  }
  for (const check of checks) {
    if (check.kind === "library" && check.metric === "rowCount" && !outcomes.has(check)) outcomes.set(check, judged(check, rowCount));
  }

  if (duplicates.length > 0) {
    const sets = duplicates.map((d) => d.properties ?? [d.property!]);
    // Per set: rows with every column set, minus the distinct values among them. count(DISTINCT) sorts in memory, which
    // on a million keys is several times faster than hash-grouping them (each group's state costs an allocation).
    // A set of several columns is compared as one text (the row's text form, which quotes as needed): sorting records
    // column by column is several times slower. Two checks of one set (rows and percent) share one expression.
    const distinctSets = [...new Set(sets.map((set) => set.join("\u0000")))];
    const expressions = distinctSets.map((joined, i) => {
      const set = joined.split("\u0000");
      const complete = set.map((c) => `${q(c)} IS NOT NULL`).join(" AND ");
      const value = set.length === 1 ? q(set[0]) : `ROW(${set.map(q).join(", ")})::text`;
      return `count(*) FILTER (WHERE ${complete}) - count(DISTINCT ${value}) FILTER (WHERE ${complete}) AS d${i}`;
    });
    const row = await timed("duplicates scan", () =>
      inDataTransaction(
        client,
        async (tx) => {
          // Sorting a million keys in memory needs more than the default 4 MB, or it spills to disk.
          await tx.query("SET LOCAL work_mem = '256MB'");
          return (await tx.query<Record<string, string>>(`SELECT ${expressions.join(", ")} FROM ${qualified}`)).rows[0];
        },
        { readOnly: true },
      ),
    );
    for (const [i, check] of duplicates.entries()) {
      const count = Number(row[`d${distinctSets.indexOf(sets[i].join("\u0000"))}`] ?? 0);
      outcomes.set(check, judged(check, check.unit === "percent" ? percentOf(count, rowCount) : count, { reason: `${count} rows repeat a value${sets[i].length > 1 ? ` of (${sets[i].join(", ")})` : ""}` }));
    }
  }

  for (const check of sql) outcomes.set(check, await timed(`sql: ${check.name}`, () => runSqlCheck(client, location, check, { role: options.sqlRole, statementTimeoutMs: options.statementTimeoutMs })));

  if (options.samples !== false) await timed("failing-row samples", () => attachSamples(client, qualified, outcomes));
  return checks.map((c) => outcomes.get(c)!);
}

async function attachSamples(client: Queryable, qualified: string, outcomes: Map<CheckDefinition, CheckOutcome>) {
  const params: unknown[] = [];
  const branches: { outcome: CheckOutcome; sql: string }[] = [];
  const sampled = new Map<string, CheckOutcome[]>();
  for (const outcome of outcomes.values()) {
    const { check } = outcome;
    if (outcome.status !== "failed" || check.kind !== "library" || check.metric === "rowCount") continue;
    if (check.metric === "duplicateValues") {
      // Two checks of one set of columns (rows and percent) share one sample.
      const set = check.properties ?? [check.property!];
      const key = set.join("\u0000");
      if (sampled.has(key)) {
        sampled.get(key)!.push(outcome);
        continue;
      }
      sampled.set(key, [outcome]);
      const columns = set.map(q).join(", ");
      branches.push({ outcome, sql: `(${columns}) IN (SELECT ${columns} FROM ${qualified} WHERE ${set.map((c) => `${q(c)} IS NOT NULL`).join(" AND ")} GROUP BY ${columns} HAVING count(*) > 1 LIMIT ${SAMPLE_SIZE})` });
      continue;
    }
    const condition = failingCondition(check, params);
    if (condition) branches.push({ outcome, sql: condition });
  }
  if (branches.length === 0) return;
  const text = branches.map((b, i) => `(SELECT ${i} AS branch, to_jsonb(t) AS row FROM ${qualified} t WHERE ${b.sql} LIMIT ${SAMPLE_SIZE})`).join(" UNION ALL ");
  const { rows } = await inDataTransaction(client, async (tx) => {
    // Sorted grouping stops at the first duplicate keys it needs; hash grouping would build all million groups first.
    await tx.query("SET LOCAL work_mem = '256MB'");
    await tx.query("SET LOCAL enable_hashagg = off");
    return tx.query<{ branch: number; row: Record<string, unknown> }>({ text, values: params });
  }, { readOnly: true });
  for (const [i, branch] of branches.entries()) {
    const sample = rows.filter((r) => r.branch === i).map((r) => trimRow(r.row));
    branch.outcome.sample = sample;
    for (const other of [...sampled.values()].find((group) => group[0] === branch.outcome)?.slice(1) ?? []) other.sample = sample;
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

