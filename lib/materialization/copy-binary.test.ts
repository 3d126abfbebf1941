import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/demo/demo-events";
import { testPortPlan } from "@/lib/testing/port-plan-fixture";
import { CopyWriter, writeInteger, writeNumericScaled, writeNumericText } from "./copy-binary";
import { decimalText } from "./record-decoder";
import { convertBatch, decodedValues, type PreparedRecords } from "./write-partition-batch";

const schema = `copy_binary_${process.pid}`;
const columns = [
  { name: "t", type: "text" },
  { name: "i2", type: "smallint" },
  { name: "i4", type: "integer" },
  { name: "i8", type: "bigint" },
  { name: "money", type: "numeric(12,2)" },
  { name: "n", type: "numeric" },
  { name: "r", type: "real" },
  { name: "d", type: "double precision" },
  { name: "b", type: "boolean" },
  { name: "day", type: "date" },
  { name: "at", type: "timestamp with time zone" },
  { name: "tm", type: "time without time zone" },
  { name: "j", type: "jsonb" },
];
const plan = testPortPlan(
  columns.map((c) => ({ ...c, notNull: false })),
  { schema, table: "every_type" },
);

// Records as a stream's decoder gives them: every type, with the edges of each (and its own ways of writing a value).
const records: Record<string, unknown>[] = [
  { t: "plain", i2: 0, i4: 0, i8: 0, money: "1.50", n: "0", r: 1.5, d: Math.PI, b: true, day: "2024-02-29", at: 1_700_000_000_123, tm: 3_600_000, j: { a: [1, 2, { b: "x\ty" }] } },
  { t: "tab\tnew\nline back\\slash", i2: -32_768, i4: 2_147_483_647, i8: 9_007_199_254_740_991, money: 7, n: "12345678901234567890.123456789", r: "2.25", d: "1e300", b: false, day: 19_000, at: "2026-01-01T10:00:00Z", tm: "23:59:59.999999", j: [1, "two", null] },
  { t: "ünïcødé ✓ 😀", i2: 32_767, i4: -5, i8: 123, money: "123.456", n: 1e21, r: -3.4e38, d: -2.5, b: true, day: new Date("2020-01-01T12:00:00Z"), at: "2026-01-01T10:00:00.123456Z", tm: "24:00:00", j: "text" },
  { t: "x".repeat(100) + "é", i2: 1n, i4: 2n, i8: -9_007_199_254_740_993n, money: -0.5, n: "1.5e-10", r: 0, d: 1e-300, b: false, day: "1900-03-01", at: "2026-01-01T10:00:00+02:00", tm: "08:30", j: 5 },
  { t: "", i2: null, i4: null, i8: 9_223_372_036_854_775_807n, money: "-0.00", n: "-98765.4321e3", r: null, d: null, b: null, day: "1999-12-31", at: new Date(0), tm: 0, j: { big: 12n, when: new Date(86_400_000) } },
  { money: 1e-7, n: "0.0001", at: -1, j: true },
  { n: "10000", at: "1969-07-20T20:17:40Z" },
  { n: "100000000.00", at: Date.UTC(2400, 0, 1, 0, 0, 0, 1) },
  { n: "-0", at: Date.UTC(1600, 0, 1, 0, 0, 0, 1) },
  { n: -1e-7 },
];

const prepared = (): PreparedRecords => ({
  offsets: records.map((_, i) => String(i)),
  keys: records.map((_, i) => (i % 2 ? null : `k\t${i}`)),
  timestamps: records.map((_, i) => new Date(1_750_000_000_000 + i).toISOString()),
  values: records.map(() => Buffer.from("raw")),
  headers: records.map(() => null),
});

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await client.query(`CREATE TABLE ${plan.table.qualifiedName} (${plan.table.columns.map((c) => `"${c.name}" ${c.type}`).join(", ")}, UNIQUE (_partition, _offset))`);
});

afterAll(async () => {
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

describe("binary COPY of a stream's records", () => {
  it("writes every type as PostgreSQL reads its text: the COPY rows equal the replay path's JSON rows, value for value", async () => {
    const batch = convertBatch(plan, 0, prepared(), decodedValues(records.map((value) => ({ ok: true as const, value, schemaId: 1 }))), new Set());
    expect(batch.dead).toEqual([]);
    await client.query("BEGIN");
    const stream = (await import("pg-copy-streams")).from(plan.copyRows);
    const { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } = await import("./copy-binary");
    const copy = client.query(stream);
    copy.write(COPY_BINARY_HEADER);
    copy.write(batch.rowBytes);
    copy.end(COPY_BINARY_TRAILER);
    await (await import("node:stream/promises")).finished(copy);
    const json = records.map((r, i) => {
      const outcome = plan.toRow(r, { partition: 1, offset: String(i), timestamp: new Date(1_750_000_000_000 + i).toISOString(), key: i % 2 ? null : `k\t${i}` });
      if (!("row" in outcome)) throw new Error(outcome.error);
      return outcome.row;
    });
    await client.query(plan.insertRows, [JSON.stringify(json)]);
    await client.query("COMMIT");
    const names = plan.table.columns.filter((c) => c.name !== "_partition").map((c) => `"${c.name}"::text`);
    const { rows } = await client.query<{ _partition: number; row: string[] }>(`SELECT _partition, ARRAY[${names.join(", ")}] AS row FROM ${plan.table.qualifiedName} ORDER BY _offset, _partition`);
    expect(rows).toHaveLength(2 * records.length);
    for (let i = 0; i < records.length; i++) expect(rows[2 * i].row, `record ${i}`).toEqual(rows[2 * i + 1].row);
    const byName = (i: number, name: string) => rows[2 * i].row[names.indexOf(`"${name}"::text`)];
    expect(byName(2, "money")).toBe("123.46");
    expect(byName(1, "n")).toBe("12345678901234567890.123456789");
    expect(byName(2, "n")).toBe("1000000000000000000000");
    expect(byName(4, "n")).toBe("-98765432.1");
    expect(byName(8, "n")).toBe("0");
    expect(byName(9, "n")).toBe("-0.0000001");
    expect(byName(7, "at")).toBe("2400-01-01 00:00:00.001+00");
    expect(byName(2, "at")).toBe("2026-01-01 10:00:00.123456+00");
    expect(byName(1, "t")).toBe("tab\tnew\nline back\\slash");
    expect(byName(0, "_key")).toBe("k\t0");
  });

  it("refuses a value its column's type cannot hold as the wrong type, and leaves nothing of the row written", () => {
    const bad: [string, unknown][] = [
      ["i2", 32_768], ["i2", 1.5], ["i4", 2 ** 31], ["i4", "3"], ["i8", 2n ** 63n], ["i8", 2 ** 63],
      ["money", "1,5"], ["money", Number.NaN], ["n", "1e99999999"], ["r", 1e39], ["r", 1e-50], ["d", Number.POSITIVE_INFINITY], ["d", "abc"],
      ["b", "true"], ["day", "2023-02-29"], ["day", "0000-01-01"], ["day", 1.5], ["at", "yesterday-ish"], ["at", 8.64e15 + 1], ["at", new Date(Number.NaN)],
      ["tm", "25:00"], ["tm", "24:00:01"], ["tm", 86_400_000], ["tm", "12:60"], ["t", 5],
    ];
    const w = new CopyWriter(16);
    for (const [column, value] of bad) {
      const failure = plan.writeCopyRow(w, { [column]: value }, { partition: 0, offset: "1", timestampMs: 0, key: null });
      expect(failure, `${column} = ${String(value)}`).toMatchObject({ reason: "wrong_type", error: expect.stringContaining(`${column} is `) });
      expect(w.pos).toBe(0);
    }
  });

  it("writes an Avro decimal's whole number and scale as the numeric of its decimal text, byte for byte", () => {
    const unscaled = [0, 1, -1, 5, 9_999, 10_000, -10_000, 123_456, 99_990_000, 2 ** 47 - 1, -(2 ** 47), 1_000_000_000_000];
    const random = seededRandom(20261203);
    for (let k = 0; k < 200; k++) unscaled.push(Math.round((random() - 0.5) * 2 ** (1 + (k % 48))));
    for (const n of unscaled) {
      for (let scale = 0; scale <= 9; scale++) {
        const bytes = Buffer.alloc(6);
        bytes.writeIntBE(n, 0, 6);
        const [scaled, text] = [new CopyWriter(8), new CopyWriter(8)];
        expect(writeNumericScaled(scaled, n, scale), `${n} scale ${scale}`).toBe(true);
        expect(writeNumericText(text, decimalText(bytes, scale))).toBe(true);
        expect(scaled.slice().toString("hex"), `${n} scale ${scale}: ${decimalText(bytes, scale)}`).toBe(text.slice().toString("hex"));
      }
    }
    expect(writeNumericScaled(new CopyWriter(8), 2 ** 53, 3)).toBe(false);
  });

  it("writes a whole number beyond 2^53 as the integer the double holds, and a bigint exactly", () => {
    const w = new CopyWriter(4);
    expect(writeInteger(w, 8, 2 ** 60)).toBe(true);
    expect(writeInteger(w, 8, -(2n ** 63n))).toBe(true);
    expect([w.buf.readInt32BE(0), w.buf.readBigInt64BE(4), w.buf.readBigInt64BE(16)]).toEqual([8, 2n ** 60n, -(2n ** 63n)]);
  });
});
