import { describe, expect, it } from "vitest";
import { testPortPlan } from "@/lib/testing/port-plan-fixture";
import type { Decoded } from "./record-decoder";
import { convertBatch, decodedValues, mergeBatches, type PreparedRecords, type RecordValues } from "./write-partition-batch";

const plan = testPortPlan(
  [
    { name: "order_id", type: "text", notNull: true },
    { name: "amount", type: "numeric(12,2)", notNull: true },
    { name: "qty", type: "integer", notNull: false, field: "quantity" },
    { name: "placed_at", type: "timestamp with time zone", notNull: false },
    { name: "address", type: "jsonb", notNull: false },
  ],
  { table: "orders", primaryKey: ["order_id"] },
);

const ok = (value: Record<string, unknown>): Decoded => ({ ok: true, value, schemaId: 1 });
type Item = { offset: number; decoded: Decoded | null; headers?: Record<string, Buffer> };
const prepared = (items: Item[]): { records: PreparedRecords; decoded: RecordValues } => ({
  records: {
    offsets: items.map((i) => String(i.offset)),
    keys: items.map((i) => `k-${i.offset}`),
    timestamps: items.map(() => "2026-01-01T00:00:00.000Z"),
    values: items.map((i) => (i.decoded ? Buffer.from(`raw-${i.offset}`) : null)),
    headers: items.map((i) => i.headers ?? null),
  },
  decoded: decodedValues(items.map((i) => i.decoded)),
});

const first: Item[] = [
  { offset: 10, decoded: ok({ order_id: "a\tb", amount: "1.50", quantity: 3, placed_at: 1_700_000_000_000, address: { city: "Lyon\n" }, extra: 1 }) },
  { offset: 11, decoded: { ok: false, reason: "undecodable", error: "not registry-framed" }, headers: { trace: Buffer.from("t") } },
  { offset: 12, decoded: null },
];
const second: Item[] = [
  { offset: 13, decoded: ok({ order_id: "c", amount: "2", quantity: null, placed_at: "2026-01-01T10:00:00Z", address: null, other: true }) },
  { offset: 15, decoded: ok({ order_id: "d", amount: "2", quantity: 1.5 }) },
  { offset: 16, decoded: ok({ amount: "3" }) },
  { offset: 17, decoded: ok({ order_id: "e\\", amount: 7, quantity: 2n }) },
];

/** A binary COPY row's fields (null for a NULL). */
function fields(row: Buffer): (Buffer | null)[] {
  const out: (Buffer | null)[] = [];
  let p = 2;
  for (let i = 0; i < row.readInt16BE(0); i++) {
    const n = row.readInt32BE(p);
    p += 4;
    out.push(n < 0 ? null : row.subarray(p, p + n));
    if (n > 0) p += n;
  }
  expect(p).toBe(row.length);
  return out;
}

describe("convertBatch and mergeBatches", () => {
  it("merging two partitions' converted fetches is converting their records together: rows, tombstones, dead letters and fields line up", () => {
    const a = prepared(first);
    const b = prepared(second);
    const all = prepared([...first, ...second]);
    const together = convertBatch(plan, 2, all.records, all.decoded, new Set());
    const merged = mergeBatches([convertBatch(plan, 2, a.records, a.decoded, new Set()), convertBatch(plan, 2, b.records, b.decoded, new Set())]);
    expect(merged).toEqual(together);
    expect(together.rowRecords).toEqual([0, 3, 6]);
    expect(together.tombstones).toEqual([2]);
    expect(together.dead.map((d) => [d.index, d.reason])).toEqual([[1, "undecodable"], [4, "wrong_type"], [5, "missing_field"]]);
    expect(together.newFields.sort()).toEqual(["extra", "other"]);
    // Each row's binary COPY fields are where rowStarts says: text as UTF-8 (tabs and backslashes as they are), NULLs as -1.
    const rows = together.rowStarts.slice(0, -1).map((s, j) => fields(together.rowBytes.subarray(s, together.rowStarts[j + 1])));
    expect(rows.map((r) => r.length)).toEqual([9, 9, 9]);
    expect(rows.map((r) => r[0]?.toString("utf8"))).toEqual(["a\tb", "c", "e\\"]);
    expect(rows.map((r) => r[2]?.readInt32BE())).toEqual([3, undefined, 2]);
    expect(rows.map((r) => r[3] && r[3].readBigInt64BE())).toEqual([(1_700_000_000_000n - 946_684_800_000n) * 1000n, (BigInt(Date.parse("2026-01-01T10:00:00Z")) - 946_684_800_000n) * 1000n, null]);
    expect(rows.map((r) => r[4] && r[4].toString("utf8"))).toEqual(['\u0001{"city":"Lyon\\n"}', null, null]);
    expect(rows.map((r) => [r[5]?.readInt32BE(), r[6]?.readBigInt64BE(), r[8]?.toString("utf8")])).toEqual([[2, 10n, "k-10"], [2, 13n, "k-13"], [2, 17n, "k-17"]]);
    expect(merged.records.headers[1]).toEqual({ trace: Buffer.from("t") });
    expect(merged.records.values[6]).toEqual(Buffer.from("raw-17"));
  });

  it("lists a field the table already knows as neither new nor unknown, and a dead letter's fields as unknown only", () => {
    const { records, decoded } = prepared([
      { offset: 1, decoded: ok({ order_id: "x", amount: "1", extra: 1 }) },
      { offset: 2, decoded: ok({ amount: "1", later: 1 }) },
    ]);
    const batch = convertBatch(plan, 0, records, decoded, new Set(["extra"]));
    expect(batch.newFields).toEqual([]);
    expect(batch.unknownFields).toEqual(["later"]);
  });
});
