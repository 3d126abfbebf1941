import avro from "avsc";
import { describe, expect, it } from "vitest";
import { testPortPlan } from "@/lib/testing/port-plan-fixture";
import { CopyWriter } from "./copy-binary";
import { UNREAD, avroToCopy } from "./avro-to-copy";
import { AVRO_READ_OPTIONS, createRecordDecoder } from "./record-decoder";
import { convertBatch, lazyValues, type PreparedRecords } from "./write-partition-batch";

// A table of every column type, filled from fields of every Avro type (and some of the wrong one).
const plan = testPortPlan([
    { name: "id", type: "text", notNull: true },
    { name: "code", type: "text", notNull: false, field: "product_code" },
    { name: "qty", type: "integer", notNull: false },
    { name: "small", type: "smallint", notNull: false },
    { name: "big", type: "bigint", notNull: false },
    { name: "amount", type: "numeric(12,2)", notNull: false },
    { name: "price", type: "numeric", notNull: false },
    { name: "ratio", type: "real", notNull: false },
    { name: "score", type: "double precision", notNull: false },
    { name: "paid", type: "boolean", notNull: false },
    { name: "at", type: "timestamp with time zone", notNull: false },
    { name: "day", type: "date", notNull: false },
    { name: "tm", type: "time without time zone", notNull: false },
    { name: "address", type: "jsonb", notNull: false },
    { name: "tags", type: "jsonb", notNull: false },
    { name: "status", type: "text", notNull: false },
    { name: "note", type: "text", notNull: false },
    { name: "meta", type: "jsonb", notNull: false },
  { name: "misplaced", type: "text", notNull: false },
]);

const nullable = (type: avro.Schema): avro.Schema => ["null", type] as avro.Schema;
const schemas: Record<number, avro.Schema> = {
  1: {
    type: "record",
    name: "Order",
    fields: [
      { name: "id", type: "string" },
      { name: "product_code", type: nullable("string") },
      { name: "qty", type: "int" },
      { name: "small", type: nullable("int") },
      { name: "big", type: "long" },
      { name: "amount", type: "double" },
      { name: "price", type: nullable({ type: "bytes", logicalType: "decimal", precision: 20, scale: 4 }) },
      { name: "ratio", type: "float" },
      { name: "score", type: nullable("double") },
      { name: "paid", type: "boolean" },
      { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
      { name: "day", type: nullable({ type: "int", logicalType: "date" }) },
      { name: "tm", type: { type: "int", logicalType: "time-millis" } },
      { name: "address", type: nullable({ type: "record", name: "Address", fields: [{ name: "city", type: "string" }, { name: "zip", type: nullable("string") }] }) },
      { name: "tags", type: { type: "array", items: "string" } },
      { name: "status", type: { type: "enum", name: "Status", symbols: ["PLACED", "PAID"] } },
      { name: "note", type: ["null", "string", "long"] },
      { name: "extra", type: nullable("string") },
      {
        name: "meta",
        type: {
          type: "record",
          name: "Meta",
          fields: [
            { name: "weight", type: "float" },
            { name: "ok", type: "boolean" },
            { name: "n", type: "long" },
            { name: "label", type: "string" },
            { name: "inner", type: nullable({ type: "record", name: "Inner", fields: [{ name: "tag", type: "string" }, { name: "d", type: "double" }] }) },
            { name: "empty", type: { type: "record", name: "Empty", fields: [] } },
          ],
        },
      },
      { name: "misplaced", type: nullable({ type: "record", name: "Misplaced", fields: [{ name: "x", type: "int" }] }) },
    ],
  },
  // An older writer: no id (required by the table), a string where the table has numbers and times.
  2: {
    type: "record",
    name: "Order",
    fields: [
      { name: "qty", type: "string" },
      { name: "at", type: "string" },
      { name: "amount", type: "string" },
      { name: "later", type: "int" },
    ],
  },
  3: { type: "string" },
  4: { type: "record", name: "Big", fields: [{ name: "id", type: "string" }, { name: "big", type: "long" }] },
};
const types = Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, avro.Type.forSchema(s, { ...AVRO_READ_OPTIONS })]));
const frame = (id: number, payload: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0, id]), payload]);
const encode = (id: number, value: unknown) => frame(id, types[id].toBuffer(value));

const order = (o: Record<string, unknown> = {}) => ({
  id: "o-1",
  product_code: "SKU-1",
  qty: 3,
  small: 7,
  big: 1_700_000_000_000,
  amount: 12.5,
  price: "12.3456",
  ratio: 0.25,
  score: null,
  paid: true,
  at: 1_700_000_000_123,
  day: 19_000,
  tm: 3_600_000,
  address: { city: "Lyon", zip: null },
  tags: ["a", "b\tc"],
  status: "PAID",
  note: null,
  extra: null,
  meta: { weight: 0.1, ok: true, n: -5, label: "plain", inner: { tag: "t", d: 2.5 }, empty: {} },
  misplaced: null,
  ...o,
});

const good = encode(1, order());
const values: (Buffer | null)[] = [
  good,
  encode(1, order({ id: "ünïcødé ✓", product_code: null, note: "x".repeat(100), extra: "e", price: "12345678901234.5678", meta: { weight: 3.4e38, ok: false, n: 2 ** 52, label: 'quote " back \\ tab \t ünï \u0001', inner: null, empty: {} } })),
  encode(1, order({ id: "tab\tnew\nline\\", qty: -2_147_483_648, big: -9_007_199_254_740_990, amount: -0.5, ratio: -3.4e38, score: 1e300, paid: false, day: null, address: null, tags: [], price: "-0.0001", meta: { weight: Number.NaN, ok: true, n: 0, label: "", inner: { tag: "😀", d: -0 }, empty: {} } })),
  encode(2, { qty: "3", at: "2026-01-01T10:00:00Z", amount: "1.5", later: 1 }),
  null,
  // Bytes avsc refuses, each its own way: truncated, trailing data, a bad union index, a long beyond its precision.
  good.subarray(0, good.length - 1),
  Buffer.concat([good, Buffer.from([0])]),
  Buffer.concat([good.subarray(0, 5 + 1 + 3), Buffer.from([0x08]), good.subarray(5 + 1 + 3 + 1)]),
  frame(4, Buffer.from([2, 0x41, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
  // A union's other branch of the wrong type; a narrower writer schema (its other columns are null).
  encode(1, order({ note: 42 })),
  encode(4, { id: "b", big: 5 }),
  // Invalid UTF-8 (avsc reads it as U+FFFD), a string schema's value (not a record), an unknown schema, no framing.
  encode(1, order({ id: Buffer.from([0x6f, 0xff, 0x2d]).toString("latin1") })).fill(0xff, 7, 8),
  encode(3, "just text"),
  frame(9, Buffer.from([2, 0x41])),
  Buffer.from("not framed"),
  encode(1, order({ small: 40_000 })),
  // A record where the table has text.
  encode(1, order({ misplaced: { x: 1 } })),
];

const records = (): PreparedRecords => ({
  offsets: values.map((_, i) => String(100 + i)),
  keys: values.map((_, i) => (i % 2 ? null : `k-${i}`)),
  timestamps: values.map((_, i) => new Date(1_750_000_000_000 + i).toISOString()),
  values,
  headers: values.map(() => null),
});

async function decoder() {
  const decode = createRecordDecoder({
    getSchema: async (id: number) => {
      if (!types[id]) throw Object.assign(new Error("Schema not found"), { status: 404 });
      return types[id];
    },
  });
  // The writer schemas fetched, as after a worker's first fetch.
  const samples: [number, unknown][] = [[1, order()], [2, { qty: "", at: "", amount: "", later: 0 }], [3, "x"], [4, { id: "", big: 0 }]];
  for (const [id, value] of samples) await decode(encode(id, value));
  return decode;
}

describe("Avro straight into binary COPY rows", () => {
  it("writes what decoding with avsc and writing the decoded record writes, byte for byte, and dead-letters the same records for the same reasons", async () => {
    const decode = await decoder();
    const lazy = await lazyValues(decode, values);
    const decodeAt = lazy.decodeAt;
    const decodedAgain: number[] = [];
    lazy.decodeAt = (i) => (decodedAgain.push(i), decodeAt(i));
    const straight = convertBatch(plan, 1, records(), lazy, new Set());
    const eager = await lazyValues(decode, values);
    for (let i = 0; i < values.length; i++) if (eager.decoded[i] === undefined) eager.decodeAt(i);
    const decoded = convertBatch(plan, 1, records(), eager, new Set());

    expect(straight.rowBytes.equals(decoded.rowBytes)).toBe(true);
    expect(straight).toEqual(decoded);
    expect(decoded.rowRecords).toEqual([0, 1, 2, 10, 11]);
    expect(decoded.tombstones).toEqual([]);
    expect(decoded.dead.map((d) => [d.index, d.reason])).toEqual([
      [3, "missing_field"],
      [5, "undecodable"],
      [6, "undecodable"],
      [7, "undecodable"],
      [8, "undecodable"],
      [9, "wrong_type"],
      [12, "undecodable"],
      [13, "unknown_schema"],
      [14, "undecodable"],
      [15, "wrong_type"],
      [16, "wrong_type"],
    ]);
    expect(decoded.dead.at(-1)?.error).toBe(`misplaced is object {"x":1}, not a text as the table's contract says.`);
    expect(decoded.dead.slice(3, 5).map((d) => d.error)).toEqual(["Does not decode with schema id 1: invalid union index: 4", "Does not decode with schema id 4: potential precision loss"]);
    expect(decoded.newFields).toEqual(["extra"]);
    expect(decoded.unknownFields.sort()).toEqual(["extra", "later"]);
    // Only what the transcoders could not vouch for was decoded by avsc: the bad bytes and the bare string (the invalid
    // UTF-8 is read as avsc reads it, with U+FFFD, by the transcoder itself).
    expect(decodedAgain).toEqual([5, 6, 7, 8, 12]);
  });

  it("reads a record with a missing required field as a dead letter without decoding it, and a wrong-typed field with avsc's value in the error", async () => {
    const decode = await decoder();
    const transcoder = avroToCopy(plan, 2, decode.writerType(2));
    const w = new CopyWriter(64);
    const meta = { partition: 0, offset: "1", timestampMs: 0, key: null };
    expect(transcoder?.write(w, encode(2, { qty: "3", at: "", amount: "", later: 1 }), meta)).toEqual({ reason: "missing_field", error: "The record has no id, which the table's contract requires." });
    expect(w.pos).toBe(0);
    const one = avroToCopy(plan, 1, decode.writerType(1));
    expect(one?.write(w, encode(1, order()).subarray(0, 20), meta)).toBe(UNREAD);
    expect(one?.write(w, encode(1, order({ small: 40_000 })), meta)).toEqual({ reason: "wrong_type", error: "small is number 40000, not a integer as the table's contract says." });
    expect(w.pos).toBe(0);
    expect(avroToCopy(plan, 3, decode.writerType(3))).toBeNull();
  });
});

describe("a poison value's array or map count", () => {
  it("is a dead letter, not a worker reading 2^47 items until it runs out of memory", async () => {
    const poison: Record<number, avro.Schema> = {
      1: { type: "record", name: "Nulls", fields: [{ name: "id", type: "string" }, { name: "list", type: { type: "array", items: "null" } }] },
      2: { type: "record", name: "Ints", fields: [{ name: "id", type: "string" }, { name: "list", type: { type: "array", items: "int" } }] },
      3: { type: "record", name: "Map", fields: [{ name: "id", type: "string" }, { name: "tags", type: { type: "map", values: "string" } }] },
    };
    const poisonTypes = Object.fromEntries(Object.entries(poison).map(([id, s]) => [id, avro.Type.forSchema(s, { ...AVRO_READ_OPTIONS })]));
    const decode = createRecordDecoder({ getSchema: async (id: number) => poisonTypes[id] });
    // The id "A", then a block count of 2^47 (zig-zag varint), and a few bytes.
    const count = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]);
    const bad = [1, 2, 3].map((id) => frame(id, Buffer.concat([Buffer.from([2, 0x41]), count, Buffer.from([2, 4, 0])])));
    const fine = frame(2, poisonTypes[2].toBuffer({ id: "B", list: [1, 2, 3] }));
    for (const value of [fine, ...bad]) await decode(value);
    const listPlan = testPortPlan([
      { name: "id", type: "text", notNull: true },
      { name: "list", type: "jsonb", notNull: false },
    ]);
    const values = [fine, ...bad];
    const batch = convertBatch(listPlan, 0, { offsets: ["1", "2", "3", "4"], keys: [null, null, null, null], timestamps: Array(4).fill("2026-01-01T00:00:00.000Z"), values, headers: [null, null, null, null] }, await lazyValues(decode, values), new Set());
    expect(batch.rowRecords).toEqual([0]);
    expect(batch.dead.map((d) => [d.index, d.reason, d.error])).toEqual([
      [1, "undecodable", "Does not decode with schema id 1: an array of 140737488355328 items in a value of 12 bytes"],
      [2, "undecodable", "Does not decode with schema id 2: an array of 140737488355328 items in a value of 12 bytes"],
      [3, "undecodable", "Does not decode with schema id 3: a map of 140737488355328 items in a value of 12 bytes"],
    ]);
  });
});

describe("arrays and maps under the guard", () => {
  it("read as avsc reads them: several blocks, negative block counts with their sizes, empty ones; a truncated one refused", () => {
    const type = avro.Type.forSchema({ type: "record", name: "R", fields: [{ name: "a", type: { type: "array", items: "int" } }, { name: "m", type: { type: "map", values: "long" } }, { name: "e", type: { type: "array", items: "null" } }] });
    // a: a block of 2, then a block of -1 (with its byte size), then the end; m: one entry; e: 3 nulls.
    const bytes = Buffer.from([4, 2, 4, 1, 2, 6, 0, 2, 2, 0x6b, 10, 0, 6, 0]);
    expect(type.fromBuffer(bytes)).toEqual({ a: [1, 2, 3], m: { k: 5 }, e: [null, null, null] });
    expect(() => type.fromBuffer(bytes.subarray(0, 5))).toThrow("truncated buffer");
    expect(type.fromBuffer(type.toBuffer({ a: [], m: {}, e: [] }))).toEqual({ a: [], m: {}, e: [] });
  });
});
