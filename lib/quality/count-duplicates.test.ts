import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { countDuplicates, duplicateChains, duplicateSampleCondition } from "./count-duplicates";

it("chains each set of columns after a set it holds, so one sort counts them all, and starts a chain for the others", () => {
  expect(duplicateChains([["a", "b", "c"], ["a"], ["b"], ["a", "b"], ["c", "a"]])).toEqual([
    { columns: ["a", "b", "c"], sets: [["a"], ["a", "b"], ["a", "b", "c"]] },
    { columns: ["b"], sets: [["b"]] },
    { columns: ["c", "a"], sets: [["c", "a"]] },
  ]);
  expect(duplicateChains([["b", "a"], ["a", "b"]])).toEqual([{ columns: ["b", "a"], sets: [["b", "a"], ["a", "b"]] }]);
  expect(duplicateChains([["a", "a"], ["a", "b", "b"]])).toEqual([{ columns: ["a", "b"], sets: [["a", "a"], ["a", "b", "b"]] }]);
});

const schema = `mwd_${randomBytes(4).toString("hex")}`;
const table = `${schema}.t`;
let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  await pool.query(`CREATE SCHEMA ${schema}`);
  // autovacuum off: the test itself decides when a freed place is reused.
  await pool.query(`CREATE TABLE ${table} (id text) WITH (autovacuum_enabled = off)`);
  await pool.query(`INSERT INTO ${table} VALUES ('a'), ('a'), ('a'), ('b')`);
});
afterAll(async () => {
  await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  await pool.end();
});

it("the sample is read where the count saw the repeating rows, and leaves out a row that took one of those places since", async () => {
  const [counted] = await countDuplicates(pool, table, { columns: ["id"], sets: [["id"]] }, new Set(["id"]));
  expect(counted.duplicates).toBe(2);
  expect([...new Set(counted.rows)].sort()).toEqual(["(0,1)", "(0,2)", "(0,3)"]);
  const sample = async () => {
    const params: unknown[] = [];
    return (await pool.query(`SELECT ctid::text AS at, id FROM ${table} AS t WHERE ${duplicateSampleCondition(table, "t", ["id"], counted, params)} ORDER BY ctid`, params)).rows;
  };
  expect(await sample()).toEqual([
    { at: "(0,1)", id: "a" },
    { at: "(0,2)", id: "a" },
    { at: "(0,3)", id: "a" },
  ]);
  await pool.query(`DELETE FROM ${table} WHERE ctid = '(0,1)'`);
  await pool.query(`VACUUM ${table}`);
  await pool.query(`INSERT INTO ${table} VALUES ('c')`);
  expect((await pool.query(`SELECT id FROM ${table} WHERE ctid = '(0,1)'`)).rows).toEqual([{ id: "c" }]);
  expect(await sample()).toEqual([
    { at: "(0,2)", id: "a" },
    { at: "(0,3)", id: "a" },
  ]);
});
