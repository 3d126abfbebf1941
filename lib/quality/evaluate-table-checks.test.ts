import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OdcsContract, QualityRule } from "@/lib/contracts/contract-types";
import { dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/test-roles";
import { qualityChecksOf } from "./check-definitions";
import { evaluateTableChecks } from "./evaluate-table-checks";
import { ensureQualityRole, qualityRoleName } from "./run-sql-check";
import { OPERATORS, type Operator } from "./threshold";

// Ten rows built so each metric's count is known: 2 null status, 1 empty and 1 "n/a" status (missing), 1 "bogus"
// status (invalid), 3 rows repeating an id (a1 ×2, b2 ×3 → 3 duplicate rows), 1 repeated (id, region) pair.
const ROWS: [string, string | null, string, number][] = [
  ["a1", "paid", "eu", 10],
  ["a1", "paid", "us", 11],
  ["b2", null, "eu", 12],
  ["b2", null, "eu", 13],
  ["b2", "", "us", 14],
  ["c3", "n/a", "eu", 15],
  ["d4", "bogus", "eu", 16],
  ["e5", "shipped", "us", 17],
  ["f6", "paid", "eu", 18],
  ["g7", "shipped", "us", 19],
];
const prefix = testRolePrefix();
const schema = `mwq_${randomBytes(4).toString("hex")}`;
const location = { schema, table: "orders" };
let pool: pg.Pool;
let role: string;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`CREATE TABLE ${schema}.orders (order_id text, status text, region text, amount numeric, placed_at timestamptz, _partition integer NOT NULL, _offset bigint NOT NULL, _timestamp timestamptz NOT NULL, _key text, email text)`);
  await pool.query(`CREATE TABLE ${schema}.secrets (x text)`);
  for (const [i, [id, status, region, amount]] of ROWS.entries()) {
    await pool.query(`INSERT INTO ${schema}.orders VALUES ($1, $2, $3, $4, now(), 0, $5, '2026-01-01T00:00:00Z', $1, 'person${i}@example.com')`, [id, status, region, amount, i]);
  }
  role = qualityRoleName(location, prefix);
  await ensureQualityRole(pool, location, role);
});
afterAll(async () => {
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
  await dropRolesWithPrefix(process.env.DATABASE_URL!, prefix);
});

const contract = (properties: Record<string, QualityRule[]>, objectRules: QualityRule[] = [], slaProperties: OdcsContract["slaProperties"] = []): OdcsContract => ({
  apiVersion: "v3.1.0",
  kind: "DataContract",
  id: "urn:test",
  version: "1.0.0",
  status: "active",
  schema: [
    {
      name: "orders",
      physicalName: `${schema}.orders`,
      properties: ["order_id", "status", "region", "amount", "email"].map((name) => ({ name, logicalType: name === "amount" ? "number" : "string", quality: properties[name] ?? [] })),
      quality: objectRules,
    },
  ],
  slaProperties,
});

async function run(properties: Record<string, QualityRule[]>, objectRules: QualityRule[] = [], extra: { sqlRole?: string; timeout?: number; now?: Date; sla?: OdcsContract["slaProperties"] } = {}) {
  const checks = qualityChecksOf(contract(properties, objectRules, extra.sla), `${schema}.orders`, "table");
  return evaluateTableChecks(pool, location, checks, { now: extra.now ?? new Date("2026-01-01T00:10:00Z"), sqlRole: extra.sqlRole ?? role, statementTimeoutMs: extra.timeout });
}

// For each metric: the rule (without threshold), its count of failing rows, and the rows' share in percent.
const METRICS: { label: string; property?: string; rule: QualityRule; rows: number }[] = [
  { label: "nullValues", property: "status", rule: { metric: "nullValues" }, rows: 2 },
  { label: "missingValues", property: "status", rule: { metric: "missingValues", arguments: { missingValues: [null, "", "n/a"] } }, rows: 4 },
  { label: "invalidValues (validValues)", property: "status", rule: { metric: "invalidValues", arguments: { validValues: ["paid", "shipped", "", "n/a"] } }, rows: 1 },
  { label: "invalidValues (pattern)", property: "order_id", rule: { metric: "invalidValues", arguments: { pattern: "^[a-f][0-9]$" } }, rows: 1 },
  { label: "duplicateValues (one property)", property: "order_id", rule: { metric: "duplicateValues" }, rows: 3 },
  { label: "duplicateValues (several properties)", rule: { metric: "duplicateValues", arguments: { properties: ["order_id", "region"] } }, rows: 1 },
];

describe("library metrics, in rows and in percent", () => {
  for (const metric of METRICS) {
    for (const unit of ["rows", "percent"] as const) {
      it(`${metric.label} in ${unit}: passes within the threshold, fails beyond it, and samples the failing rows`, async () => {
        const value = unit === "rows" ? metric.rows : metric.rows * 10;
        const passing = { ...metric.rule, unit, mustBeLessOrEqualTo: value };
        const failing = { ...metric.rule, unit, mustBeLessThan: value };
        const place = (rule: QualityRule) => (metric.property ? [{ [metric.property]: [rule] }, []] : [{}, [rule]]) as [Record<string, QualityRule[]>, QualityRule[]];
        const [pass] = await run(...place(passing));
        expect(pass).toMatchObject({ status: "passed", measured: value, unit });
        const [fail] = await run(...place(failing));
        expect(fail).toMatchObject({ status: "failed", measured: value, unit });
        expect(fail.sample!.length).toBeGreaterThan(0);
        expect(fail.sample!.length).toBeLessThanOrEqual(10);
      });
    }
  }

  it("rowCount counts rows; in percent it is not evaluated, with the reason", async () => {
    const [pass, fail, percent] = await run({}, [{ metric: "rowCount", mustBe: 10 }, { metric: "rowCount", mustBeGreaterThan: 10 }, { metric: "rowCount", unit: "percent", mustBe: 100 }]);
    expect(pass).toMatchObject({ status: "passed", measured: 10 });
    expect(fail).toMatchObject({ status: "failed", measured: 10 });
    expect(percent.status).toBe("not_evaluated");
    expect(percent.reason).toMatch(/percent/);
  });
});

describe("operators", () => {
  // rowCount is 10: for each operator a value that passes and one that fails.
  const CASES: Record<Operator, [unknown, unknown]> = {
    mustBe: [10, 9],
    mustNotBe: [9, 10],
    mustBeGreaterThan: [9, 10],
    mustBeGreaterOrEqualTo: [10, 11],
    mustBeLessThan: [11, 10],
    mustBeLessOrEqualTo: [10, 9],
    mustBeBetween: [[5, 10], [11, 20]],
    mustNotBeBetween: [[11, 20], [10, 20]],
  };
  for (const operator of OPERATORS) {
    it(`${operator} passes and fails as it says`, async () => {
      const [pass, fail] = await run({}, [{ metric: "rowCount", [operator]: CASES[operator][0] }, { metric: "rowCount", [operator]: CASES[operator][1] }]);
      expect([pass.status, fail.status]).toEqual(["passed", "failed"]);
    });
  }
});

describe("sql checks", () => {
  it("measure the first value of the query, with {object} and {property} as quoted identifiers", async () => {
    const [pass, fail] = await run({ amount: [{ type: "sql", query: "SELECT count(*) FROM {object} WHERE {property} > 15", mustBe: 4 }, { type: "sql", query: "select count(*) from ${table} where ${column} > 15;", mustBeLessThan: 4 }] });
    expect(pass).toMatchObject({ status: "passed", measured: 4 });
    expect(fail).toMatchObject({ status: "failed", measured: 4 });
  });

  it("that try to write are refused and the table is untouched", async () => {
    const attempts = [
      "SELECT count(*) FROM {object}; DELETE FROM {object}",
      "SELECT 1) AS x; DELETE FROM {object}; SELECT (1",
      "WITH gone AS (DELETE FROM {object} RETURNING 1) SELECT count(*) FROM gone",
      "SELECT count(*) FROM {object} WHERE set_config('transaction_read_only', 'off', true) IS NOT NULL",
      "SELECT count(*) FROM secrets",
    ];
    const outcomes = await run({}, attempts.map((query) => ({ type: "sql", query, mustBe: 0 })));
    for (const [i, outcome] of outcomes.entries()) expect(outcome.status, `${attempts[i]}: ${outcome.reason}`).toBe("not_evaluated");
    expect(outcomes[0].reason).toMatch(/failed|refused/);
    expect(outcomes[4].reason).toMatch(/refused/);
    expect(Number((await pool.query(`SELECT count(*) AS n FROM ${schema}.orders`)).rows[0].n)).toBe(10);
  });

  it("run in a transaction that is rolled back, so a function that writes leaves nothing behind", async () => {
    const before = Number((await pool.query("SELECT count(*) AS n FROM pg_largeobject_metadata")).rows[0].n);
    await run({}, [{ type: "sql", query: "SELECT lo_create(0)", mustBe: 0 }]);
    expect(Number((await pool.query("SELECT count(*) AS n FROM pg_largeobject_metadata")).rows[0].n)).toBe(before);
  });

  it("that run too long are stopped by the statement timeout", async () => {
    const started = Date.now();
    const [slow] = await run({}, [{ type: "sql", query: "SELECT count(*) FROM {object} WHERE pg_sleep(1) IS NOT NULL", mustBe: 0 }], { timeout: 200 });
    expect(slow.status).toBe("not_evaluated");
    expect(slow.reason).toMatch(/statement timeout/);
    expect(Date.now() - started).toBeLessThan(5_000); // without the timeout it sleeps a second per row, ROWS.length s in all
  });
});

describe("freshness", () => {
  const sla = [{ property: "latency", value: 15, unit: "m" }];
  it("compares the newest row's age with the SLA on the given clock", async () => {
    const [fresh] = await run({}, [], { sla, now: new Date("2026-01-01T00:10:00Z") });
    expect(fresh).toMatchObject({ status: "passed", measured: 600, unit: "seconds" });
    const [stale] = await run({}, [], { sla, now: new Date("2026-01-01T00:20:00Z") });
    expect(stale).toMatchObject({ status: "failed", measured: 1200 });
  });
  it("uses the column the SLA's element names", async () => {
    const checks = qualityChecksOf({ ...contract({}), slaProperties: [{ property: "freshness", value: 1, unit: "h", element: "orders.amount" }] }, `${schema}.orders`, "table");
    expect(checks[0]).toMatchObject({ kind: "not_evaluated", reason: expect.stringMatching(/not a date or timestamp/) });
  });
});

it("a table that does not exist yet is not evaluated, never passed", async () => {
  const checks = qualityChecksOf(contract({ status: [{ metric: "nullValues", mustBe: 0 }] }), `${schema}.nothing`, "table");
  const outcomes = await evaluateTableChecks(pool, { schema, table: "nothing" }, checks, { now: new Date() });
  expect(outcomes.map((o) => o.status)).toEqual(["not_evaluated"]);
});

describe("duplicates and failing-row samples", () => {
  // Seven rows: NULLs in the key columns, "y" and "Y" (different), 1.0 and 1.00 (equal numbers), "A" and "a" (equal under
  // a case-insensitive collation).
  const DUPS: [string | null, string | null, string, string | null][] = [
    ["x", "eu", "1.0", "A"],
    ["x", "eu", "1.00", "a"],
    ["x", null, "2", "b"],
    [null, "eu", "3", null],
    [null, "eu", "3", null],
    ["y", "us", "4", "c"],
    ["Y", "us", "5", "d"],
  ];
  const dupsLocation = { schema, table: "dups" };
  const dupsChecks = (properties: Record<string, QualityRule[]>, objectRules: QualityRule[] = []) =>
    qualityChecksOf(
      {
        apiVersion: "v3.1.0",
        kind: "DataContract",
        id: "urn:test:dups",
        version: "1.0.0",
        status: "active",
        schema: [{ name: "dups", physicalName: `${schema}.dups`, properties: ["id", "region", "amount", "tag"].map((name) => ({ name, logicalType: name === "amount" ? "number" : "string", quality: properties[name] ?? [] })), quality: objectRules }],
      },
      `${schema}.dups`,
      "table",
    );
  beforeAll(async () => {
    await pool.query(`CREATE COLLATION ${schema}.case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`);
    await pool.query(`CREATE TABLE ${schema}.dups (id text, region varchar(8), amount numeric, tag text COLLATE ${schema}.case_insensitive, n integer)`);
    for (const [i, row] of DUPS.entries()) await pool.query(`INSERT INTO ${schema}.dups VALUES ($1, $2, $3, $4, $5)`, [...row, i + 1]);
  });
  const rowsOf = (sample: Record<string, unknown>[] | null) => (sample ?? []).map((r) => r.n).sort();

  it("count rows repeating another row's values among rows without NULLs, with each type's own equality, and sample those rows", async () => {
    const duplicate = { metric: "duplicateValues", mustBe: 0 };
    // (id) and (id, region) share one sort, and so does (region) with (region, id).
    const [pair, reversedPair, id, idPercent, region, amount, tag] = await evaluateTableChecks(
      pool,
      dupsLocation,
      dupsChecks({ id: [duplicate, { ...duplicate, unit: "percent" }], region: [duplicate], amount: [duplicate], tag: [duplicate] }, [
        { ...duplicate, arguments: { properties: ["id", "region"] } },
        { ...duplicate, arguments: { properties: ["region", "id"] } },
      ]),
      { now: new Date() },
    );
    expect(region).toMatchObject({ status: "failed", measured: 4 });
    expect(reversedPair).toMatchObject({ status: "failed", measured: 1 });
    expect(rowsOf(reversedPair.sample)).toEqual([1, 2]);
    expect(id).toMatchObject({ status: "failed", measured: 2 });
    expect(idPercent).toMatchObject({ status: "failed", measured: (2 * 100) / 7 });
    expect(rowsOf(id.sample)).toEqual([1, 2, 3]);
    expect(rowsOf(idPercent.sample)).toEqual([1, 2, 3]);
    expect(amount).toMatchObject({ status: "failed", measured: 2 });
    expect(rowsOf(amount.sample)).toEqual([1, 2, 4, 5]);
    expect(tag).toMatchObject({ status: "failed", measured: 1 });
    expect(rowsOf(tag.sample)).toEqual([1, 2]);
    expect(pair).toMatchObject({ status: "failed", measured: 1 });
    expect(rowsOf(pair.sample)).toEqual([1, 2]);
  });

  it("sample only failed checks that have failing rows, with no samples query when none has", async () => {
    const phases: string[] = [];
    const onPhase = (phase: string) => phases.push(phase);
    const [nulls, none, passing] = await evaluateTableChecks(
      pool,
      dupsLocation,
      dupsChecks({ id: [{ metric: "nullValues", mustBe: 0 }], amount: [{ metric: "nullValues", mustBeGreaterThan: 0 }], tag: [{ metric: "nullValues", mustBeLessThan: 5 }] }),
      { now: new Date(), onPhase },
    );
    expect(nulls).toMatchObject({ status: "failed", measured: 2 });
    expect(rowsOf(nulls.sample)).toEqual([4, 5]);
    expect(none).toMatchObject({ status: "failed", measured: 0, sample: null });
    expect(passing).toMatchObject({ status: "passed", sample: null });
    expect(phases).toContain("failing-row samples");

    phases.length = 0;
    const [passingDuplicates, failingWithoutRows] = await evaluateTableChecks(
      pool,
      dupsLocation,
      dupsChecks({ amount: [{ metric: "nullValues", mustBeGreaterThan: 0 }], id: [{ metric: "duplicateValues", mustBeLessThan: 3 }] }),
      { now: new Date(), onPhase },
    );
    expect(failingWithoutRows).toMatchObject({ status: "failed", sample: null });
    expect(passingDuplicates).toMatchObject({ status: "passed", measured: 2, sample: null });
    expect(phases).not.toContain("failing-row samples");
  });

  it("give the same results on one client, where the queries run one after the other, as on a pool", async () => {
    const checks = dupsChecks({ id: [{ metric: "duplicateValues", mustBe: 0 }, { metric: "nullValues", unit: "percent", mustBe: 0 }] }, [{ metric: "rowCount", mustBe: 7 }, { metric: "duplicateValues", arguments: { properties: ["id", "region"] }, mustBe: 0 }]);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const onOne = await evaluateTableChecks(client, dupsLocation, checks, { now: new Date() });
      const onPool = await evaluateTableChecks(pool, dupsLocation, checks, { now: new Date() });
      const summary = (outcomes: typeof onOne) => outcomes.map((o) => [o.status, o.measured, rowsOf(o.sample)]);
      expect(summary(onOne)).toEqual(summary(onPool));
      expect(summary(onOne)).toEqual([
        ["passed", 7, []],
        ["failed", 1, [1, 2]],
        ["failed", 2, [1, 2, 3]],
        ["failed", (2 * 100) / 7, [4, 5]],
      ]);
    } finally {
      await client.end();
    }
  });
});
