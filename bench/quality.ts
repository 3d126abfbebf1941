// Benchmark of a table's quality checks: a 1,000,000-row order table with realistic nulls, duplicate keys, invalid
// values and negative amounts, and a contract using every library metric in both units, one sql check and a freshness
// SLA. Runs all checks as the worker does (one aggregate scan, one sort for the sets of columns checked for duplicates
// and the sql check as the restricted role, at once on a pool of 2 connections; then the failing-row samples),
// beside a naive baseline in the same run (one query per check, one after the other).
// Goal: all checks ≤ 2 s on a 2-core machine.
//   npx tsx bench/quality.ts [--rows 1000000] [--runs 3]
import os from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { qualityChecksOf, type CheckDefinition } from "@/lib/quality/check-definitions";
import { evaluateTableChecks } from "@/lib/quality/evaluate-table-checks";
import { ensureQualityRole, fillPlaceholders, qualityRoleName } from "@/lib/quality/run-sql-check";
import { prepareTestDatabase } from "@/lib/testing/test-database";
import { dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/test-roles";

const { values } = parseArgs({ options: { rows: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" } } });
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const PREFIX = testRolePrefix();
const location = { schema: "bench", table: "orders" };
const q = pg.escapeIdentifier;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const contract: OdcsContract = {
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "urn:bench:orders",
  version: "1.0.0",
  status: "active",
  schema: [
    {
      name: "orders",
      physicalName: "bench.orders",
      properties: [
        { name: "order_id", logicalType: "string", quality: [{ metric: "duplicateValues", mustBe: 0 }, { metric: "duplicateValues", unit: "percent", mustBeLessThan: 1 }, { metric: "nullValues", mustBe: 0 }] },
        { name: "email", logicalType: "string", quality: [{ metric: "nullValues", mustBeLessOrEqualTo: 100 }, { metric: "nullValues", unit: "percent", mustBeLessOrEqualTo: 5 }] },
        {
          name: "status",
          logicalType: "string",
          quality: [
            { metric: "missingValues", arguments: { missingValues: [null, "", "n/a"] }, mustBe: 0 },
            { metric: "missingValues", arguments: { missingValues: [null, "", "n/a"] }, unit: "percent", mustBeLessThan: 5 },
            { metric: "invalidValues", arguments: { validValues: ["placed", "paid", "shipped", "delivered", "cancelled"] }, mustBeLessThan: 1000 },
            { metric: "invalidValues", arguments: { validValues: ["placed", "paid", "shipped", "delivered", "cancelled"] }, unit: "percent", mustBeBetween: [0, 1] },
          ],
        },
        { name: "currency", logicalType: "string", quality: [{ metric: "invalidValues", arguments: { pattern: "^[A-Z]{3}$" }, mustBe: 0 }] },
        { name: "country", logicalType: "string", quality: [{ metric: "invalidValues", arguments: { pattern: "^[A-Z]{2}$" }, unit: "percent", mustBeLessOrEqualTo: 1 }] },
        { name: "amount", logicalType: "number", quality: [{ type: "sql", query: "SELECT count(*) FROM {object} WHERE {property} < 0", mustBe: 0 }] },
        { name: "placed_at", logicalType: "timestamp" },
      ],
      quality: [
        { metric: "rowCount", mustBeGreaterThan: 0 },
        { metric: "duplicateValues", arguments: { properties: ["order_id", "country"] }, mustBe: 0 },
        { metric: "duplicateValues", arguments: { properties: ["order_id", "country"] }, unit: "percent", mustNotBeBetween: [5, 100] },
      ],
    },
  ],
  slaProperties: [{ property: "latency", value: 15, unit: "m" }],
};

async function build(client: pg.Client) {
  await client.query("CREATE SCHEMA bench");
  await client.query(`CREATE TABLE bench.orders (order_id text, email text, status text, currency text, country text, amount numeric(12,2), placed_at timestamptz,
    _partition integer NOT NULL, _offset bigint NOT NULL, _timestamp timestamptz NOT NULL, _key text, UNIQUE (_partition, _offset))`);
  // 0.5 % repeated order ids, 2 % null e-mails, 1 % null / 0.5 % empty / 0.3 % "n/a" / 0.2 % unknown statuses,
  // 0.1 % "EURO", 0.2 % "Germany", 0.1 % negative amounts; the newest row a second old.
  await client.query(
    `INSERT INTO bench.orders
     SELECT 'O-' || lpad(CASE WHEN i % 200 = 0 THEN i - 1 ELSE i END::text, 8, '0'),
            CASE WHEN r < 0.02 THEN NULL ELSE 'buyer' || i || '@example.com' END,
            CASE WHEN r2 < 0.01 THEN NULL WHEN r2 < 0.015 THEN '' WHEN r2 < 0.018 THEN 'n/a' WHEN r2 < 0.02 THEN 'unknown'
                 ELSE (ARRAY['placed','paid','shipped','delivered','cancelled'])[1 + (i % 5)] END,
            CASE WHEN r3 < 0.001 THEN 'EURO' WHEN i % 7 = 0 THEN 'SEK' ELSE 'EUR' END,
            CASE WHEN r3 > 0.998 THEN 'Germany' ELSE (ARRAY['DE','NL','FR','ES','SE','IT'])[1 + (i % 6)] END,
            CASE WHEN r < 0.001 THEN -12.5 ELSE round((5 + r2 * 300)::numeric, 2) END,
            now() - make_interval(secs => ($1 - i) / 100.0),
            i % 6, i, now() - make_interval(secs => 1 + ($1 - i) / 1000.0), 'O-' || i
     FROM (SELECT i, random() AS r, random() AS r2, random() AS r3 FROM generate_series(1, $1) AS i) s`,
    [ROWS],
  );
  await client.query("VACUUM ANALYZE bench.orders");
}

/** The baseline: one query per check, each its own scan, as a straightforward implementation would do. */
async function naive(client: pg.Client, checks: CheckDefinition[], role: string): Promise<Map<string, number>> {
  const t = `${q(location.schema)}.${q(location.table)}`;
  const times = new Map<string, number>();
  for (const check of checks) {
    let text: string;
    let params: unknown[] = [];
    if (check.kind === "freshness") text = `SELECT max(${q(check.column)}) FROM ${t}`;
    else if (check.kind === "sql") text = fillPlaceholders(check.query, location, check.property).ok ? (fillPlaceholders(check.query, location, check.property) as { text: string }).text : "SELECT 1";
    else if (check.kind !== "library") continue;
    else if (check.metric === "rowCount") text = `SELECT count(*) FROM ${t}`;
    else if (check.metric === "duplicateValues") {
      const cols = (check.properties ?? [check.property!]).map(q).join(", ");
      text = `SELECT count(*) - count(DISTINCT (${cols})), count(*) FROM ${t} WHERE ${(check.properties ?? [check.property!]).map((c) => `${q(c)} IS NOT NULL`).join(" AND ")}`;
    } else {
      const c = q(check.property!);
      if (check.metric === "nullValues") text = `SELECT count(*) FILTER (WHERE ${c} IS NULL), count(*) FROM ${t}`;
      else if (check.metric === "missingValues") {
        text = `SELECT count(*) FILTER (WHERE ${c} IS NULL OR ${c} = ANY($1)), count(*) FROM ${t}`;
        params = [(check.missingValues ?? []).map(String)];
      } else if (check.validValues) {
        text = `SELECT count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT ${c} = ANY($1)), count(*) FROM ${t}`;
        params = [check.validValues.map(String)];
      } else {
        text = `SELECT count(*) FILTER (WHERE ${c} !~ $1), count(*) FROM ${t}`;
        params = [check.pattern];
      }
    }
    const started = performance.now();
    if (check.kind === "sql") {
      await client.query("BEGIN READ ONLY");
      await client.query(`SET LOCAL ROLE ${q(role)}`);
      await client.query(text);
      await client.query("ROLLBACK");
    } else await client.query(text, params);
    times.set(check.key, performance.now() - started);
  }
  return times;
}

async function main() {
  const database = await prepareTestDatabase("bench-quality");
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const started = performance.now();
    await build(client);
    console.log(`Built bench.orders: ${ROWS.toLocaleString("en")} rows in ${((performance.now() - started) / 1000).toFixed(1)} s (${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")})`);
    const role = qualityRoleName(location, PREFIX);
    await ensureQualityRole(pool, location, role);
    const checks = qualityChecksOf(contract, "bench.orders", "table");
    const runnable = checks.filter((c) => c.kind !== "not_evaluated");
    console.log(`${checks.length} checks (${runnable.length} runnable): ${checks.map((c) => c.name).join("; ")}\n`);

    const totals: number[] = [];
    const phases = new Map<string, number[]>();
    let outcomes: Awaited<ReturnType<typeof evaluateTableChecks>> = [];
    // One warm-up pass (fills the buffer cache, as a table checked every 5 minutes would be), then the measured runs.
    await evaluateTableChecks(pool, location, checks, { now: new Date(), sqlRole: role });
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      outcomes = await evaluateTableChecks(pool, location, checks, { now: new Date(), sqlRole: role, onPhase: (phase, ms) => phases.set(phase, [...(phases.get(phase) ?? []), ms]) });
      totals.push(performance.now() - t0);
    }
    const naiveRuns: Map<string, number>[] = [];
    for (let run = 0; run < RUNS; run++) naiveRuns.push(await naive(client, checks, role));
    const naiveTotals = naiveRuns.map((m) => [...m.values()].reduce((a, b) => a + b, 0));

    console.log("Check".padEnd(56), "result".padEnd(14), "measured".padStart(12), "naive ms".padStart(10));
    for (const o of outcomes) {
      const ms = median(naiveRuns.map((m) => m.get(o.check.key) ?? 0));
      const measured = o.measured === null ? "—" : Number.isInteger(o.measured) ? String(o.measured) : o.measured.toFixed(3);
      console.log(`${o.check.name}${o.unit === "percent" ? " (%)" : ""}`.slice(0, 55).padEnd(56), o.status.padEnd(14), `${measured}${o.unit === "percent" ? " %" : ""}`.padStart(12), ms.toFixed(0).padStart(10));
    }
    console.log(`\nAll checks together, median of ${RUNS} runs: ${median(totals).toFixed(0)} ms (runs: ${totals.map((t) => t.toFixed(0)).join(", ")} ms)`);
    console.log("  phases (they overlap on the pool; each includes its wait for a connection):");
    for (const [phase, times] of phases) console.log(`  ${phase.padEnd(52)} ${median(times).toFixed(0).padStart(6)} ms`);
    console.log(`Naive baseline (one query per check), median of ${RUNS}: ${median(naiveTotals).toFixed(0)} ms`);
    console.log(`Speed-up over the baseline: ${(median(naiveTotals) / median(totals)).toFixed(1)}×`);
    console.log(`Goal ≤ 2000 ms: ${median(totals) <= 2000 ? "met" : "NOT met"}`);
  } finally {
    await pool.end();
    await client.end();
    await dropRolesWithPrefix(database.url, PREFIX).catch(() => []);
    await database.drop();
  }
}

void main();
