import avro from "avsc";
import { describe, expect, it } from "vitest";
import { type TableColumn } from "@/lib/data-tables/product-table-columns";
import { seededRandom } from "@/lib/demo/demo-events";
import { testPortPlan } from "@/lib/testing/port-plan-fixture";
import { PortPlan } from "./port-plan";
import { AVRO_READ_OPTIONS, createRecordDecoder } from "./record-decoder";
import { type ConvertedBatch, type PreparedRecords, convertBatch, lazyValues } from "./write-partition-batch";

/**
 * Property test of the transcoder (avro-to-copy, avro-to-json): for random writer schemas, random table plans and
 * random (valid, edge and corrupted) Avro values, the rows written straight from the bytes are byte for byte those of
 * decoding with avsc and PortPlan.writeCopyRow, and the same records are dead letters for the same reasons. The bytes
 * are encoded here (not by avsc's toBuffer), so values avsc would refuse to write (unsafe longs, invalid UTF-8, any
 * union branch) are read too. Deterministic: a seeded PRNG, fixed seeds.
 */

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(n: number) {
    return Math.floor(this.next() * n);
  }
  between(lo: number, hi: number) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Up to n distinct items. */
  some<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(this.int(copy.length), 1)[0]);
    return out;
  }
}

// Field and column names share a pool, so columns often find their field (by name or by `field`), and often not.
const NAMES = ["constructor", "toString", "valueOf", "clone", "wrap", "compare", "id", "code", "product_code", "qty", "small", "big", "amount", "price", "ratio", "score", "paid", "at", "day", "tm", "address", "tags", "status", "note", "meta", "extra", "x", "y", "z", "ünused"].filter((n) => /^[A-Za-z_]\w*$/.test(n));
const COLUMN_TYPES = ["text", "smallint", "integer", "bigint", "numeric", "numeric(12,2)", "numeric(38,10)", "numeric(5,0)", "real", "double precision", "boolean", "date", "timestamp with time zone", "time without time zone", "jsonb"];

const MAX_LONG = 9_007_199_254_740_990;
const INT_EDGES = [0, 1, -1, 2, 63, 64, -64, -65, 127, 128, 32_767, 32_768, -32_768, -32_769, 2_147_483_647, -2_147_483_648, 86_399_999, 86_400_000, 19_000, 2_932_896, -719_162, 100_000_000, 100_000_001];
const LONG_EDGES = [...INT_EDGES, 2 ** 31, -(2 ** 31) - 1, 2 ** 40, 1_700_000_000_123, -62_135_596_800_000, 253_402_300_800_000, 253_402_300_799_999, 8.64e15, 8.64e15 + 1, -8.64e15, -8.64e15 - 1, 2 ** 53 - 2, MAX_LONG, -MAX_LONG, MAX_LONG + 1, -MAX_LONG - 1, 2 ** 53, -(2 ** 53), 2 ** 60];
const FLOAT_EDGES = [0, -0, 1, -1, 0.1, 0.25, 1.5, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.4e38, -3.4e38, 1e-45, 1e-40, 1e-38, 16_777_217, 2 ** 31, 86_400_000, 19_000, 1e21, 1e-7];
const DOUBLE_EDGES = [...FLOAT_EDGES, 1e308, -1e308, 5e-324, 2 ** 53, 2 ** 53 + 2, 1_700_000_000_123, 1_700_000_000_123.5, 8.64e15, 8.65e15, 123_456_789.123_456_7, 1e22, 1.7976931348623157e308, 32_767.5, 0.1 + 0.2];
const STRING_EDGES = [
  "",
  "a",
  "o-1",
  "SKU-1",
  'quote " back \\ slash /',
  "tab\tnew\nline\r",
  "\u0000nul",
  "\u0001\u001f\u007f",
  "ünïcødé ✓",
  "😀 emoji",
  "\u2028\u2029",
  "\ud800 lone",
  "x".repeat(64),
  "x".repeat(65),
  "é".repeat(40),
  "y".repeat(300),
  "12.5",
  "-0.0001",
  "1e5",
  "1E-3",
  "-12345678901234567890.123456789",
  " 12",
  "0x10",
  "NaN",
  "Infinity",
  "true",
  "2026-01-01",
  "2026-02-30",
  "0000-01-01",
  "10:00",
  "10:00:00.123456789",
  "24:00:00",
  "23:59:60",
  "2026-01-01T10:00:00.123456Z",
  "2026-01-01T10:00:00+02:00",
  "Jan 1 2026",
  "{}",
  "null",
];
const INVALID_UTF8 = [[0xff], [0xc3], [0x6f, 0xff, 0x2d], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xe2, 0x82]];

type Schema = avro.Schema;
type Obj = Record<string, unknown> & { type: string };

/** Random writer schemas: every Avro type, logical types, decimals, named types used again and recursive records. */
class SchemaGen {
  private n = 0;
  /** Records being defined (a field may refer back to one of them, inside a union with null). */
  private open: string[] = [];
  /** Records defined already (a later field may use one again). */
  private named: string[] = [];
  constructor(private readonly r: Rng) {}

  record(name: string, depth: number, fieldCount: number): Schema {
    this.open.push(name);
    const fields = this.r.some(NAMES, fieldCount).map((f) => ({ name: f, type: this.type(depth + 1) }));
    this.open.pop();
    this.named.push(name);
    return { type: "record", name, fields } as Schema;
  }

  private name(prefix: string) {
    return `${prefix}${++this.n}`;
  }

  type(depth: number): Schema {
    const r = this.r;
    const deep = depth >= 3;
    const roll = r.int(deep ? 60 : 100);
    if (roll < 24) return r.pick(["null", "boolean", "int", "long", "float", "double", "string", "string", "bytes"]);
    if (roll < 32) return r.pick([{ type: "long", logicalType: "timestamp-millis" }, { type: "int", logicalType: "date" }, { type: "int", logicalType: "time-millis" }, { type: "long", logicalType: "timestamp-micros" }]) as Schema;
    if (roll < 38) return this.decimal();
    if (roll < 41) return { type: "enum", name: this.name("E"), symbols: r.some(["A", "B", "PAID", "PLACED", "Z_9"], r.between(1, 4)) } as Schema;
    if (roll < 43) return { type: "fixed", name: this.name("F"), size: r.between(0, 9) } as Schema;
    if (roll < 60) return this.union(depth);
    if (roll < 70) return this.record(this.name("R"), depth, r.between(0, 4));
    if (roll < 74 && this.open.length) return ["null", r.pick(this.open)] as Schema;
    if (roll < 76 && this.named.length) return r.pick(this.named) as Schema;
    if (roll < 88) return { type: "array", items: this.type(depth + 1) } as Schema;
    return { type: "map", values: this.type(depth + 1) } as Schema;
  }

  private decimal(): Schema {
    const r = this.r;
    const precision = r.pick([1, 5, 12, 20, 38, 60]);
    // Scales Avro calls invalid (negative, fractional, beyond 1000), which a registry keeps all the same.
    const scale = r.chance(0.1) ? r.pick([-1, -2, -5, 2.5, 1001, "3"]) : r.pick([0, 0, 1, 2, 3, 4, 5, 8, 10, precision]);
    if (r.chance(0.6)) return { type: "bytes", logicalType: "decimal", precision, scale } as Schema;
    return { type: "fixed", name: this.name("D"), size: r.pick([1, 2, 4, 6, 7, 8, 16]), logicalType: "decimal", precision, scale } as Schema;
  }

  private union(depth: number): Schema {
    const r = this.r;
    const count = r.between(2, 3);
    const branches: Schema[] = r.chance(0.7) ? ["null"] : [];
    const kinds = new Set<string>(branches as string[]);
    let tries = 0;
    while (branches.length < count && tries++ < 20) {
      const t = this.type(depth + 1);
      if (Array.isArray(t)) continue;
      const kind = typeof t === "string" ? t : (t as Obj).type === "record" || (t as Obj).type === "enum" || (t as Obj).type === "fixed" ? `named:${(t as Obj).name}` : (t as Obj).type;
      if (kinds.has(kind)) continue;
      kinds.add(kind);
      branches.push(t);
    }
    if (r.chance(0.3)) branches.reverse();
    return branches as Schema;
  }
}

/** Avro binary of random values of a schema, written byte by byte (edge values, any union branch, invalid UTF-8). */
class ValueGen {
  private readonly names = new Map<string, Obj>();
  constructor(
    private readonly r: Rng,
    root: Schema,
  ) {
    this.collect(root);
  }

  private collect(s: Schema) {
    if (Array.isArray(s)) return s.forEach((b) => this.collect(b));
    if (typeof s !== "object" || s === null) return;
    const o = s as Obj;
    if (typeof o.name === "string") this.names.set(o.name, o);
    if (o.type === "record") for (const f of o.fields as { type: Schema }[]) this.collect(f.type);
    if (o.type === "array") this.collect(o.items as Schema);
    if (o.type === "map") this.collect(o.values as Schema);
  }

  value(s: Schema, out: number[], depth = 0): void {
    const r = this.r;
    if (Array.isArray(s)) {
      // Deep down, the null branch (recursive records end).
      const nullAt = (s as unknown[]).indexOf("null");
      const i = depth > 4 && nullAt >= 0 ? nullAt : r.int(s.length);
      long(out, i);
      return this.value(s[i], out, depth + 1);
    }
    if (typeof s === "string") {
      const named = this.names.get(s);
      if (named) return this.value(named as Schema, out, depth);
      return this.primitive(s, out);
    }
    const o = s as Obj;
    if (o.logicalType === "decimal") return this.decimal(o, out);
    switch (o.type) {
      case "record":
        for (const f of o.fields as { type: Schema }[]) this.value(f.type, out, depth + 1);
        return;
      case "enum":
        return long(out, r.int((o.symbols as string[]).length));
      case "fixed":
        for (let i = 0; i < (o.size as number); i++) out.push(r.int(256));
        return;
      case "array":
      case "map": {
        const n = depth > 4 ? 0 : r.pick([0, 0, 1, 2, 3]);
        if (n > 0) {
          const items: number[] = [];
          for (let i = 0; i < n; i++) {
            if (o.type === "map") this.string(items);
            this.value((o.items ?? o.values) as Schema, items, depth + 1);
          }
          // A block of negative count carries its size in bytes, as some writers make it.
          if (r.chance(0.2)) {
            long(out, -n);
            long(out, items.length);
          } else long(out, n);
          out.push(...items);
        }
        return long(out, 0);
      }
      default:
        return this.primitive(o.type, out, o.logicalType as string | undefined);
    }
  }

  private primitive(type: string, out: number[], logical?: string) {
    const r = this.r;
    switch (type) {
      case "null":
        return;
      case "boolean":
        return void out.push(r.chance(0.1) ? r.between(2, 255) : r.int(2));
      case "int":
        if (logical === "date") return long(out, r.chance(0.5) ? r.pick(INT_EDGES) : r.between(-800_000, 3_000_000));
        if (logical === "time-millis") return long(out, r.chance(0.5) ? r.pick(INT_EDGES) : r.int(86_400_000));
        return long(out, r.chance(0.8) ? r.pick(INT_EDGES) : r.between(-1e6, 1e6));
      case "long":
        if (logical === "timestamp-millis") return long(out, r.chance(0.5) ? r.pick(LONG_EDGES) : 1_700_000_000_000 + r.between(-1e11, 1e11));
        return long(out, r.chance(0.8) ? r.pick(LONG_EDGES) : r.between(-1e12, 1e12) * (r.chance(0.3) ? 1000 : 1));
      case "float": {
        const b = Buffer.alloc(4);
        if (r.chance(0.1)) for (let i = 0; i < 4; i++) b[i] = r.int(256);
        else b.writeFloatLE(r.chance(0.8) ? r.pick(FLOAT_EDGES) : (r.next() - 0.5) * 10 ** r.between(-10, 12));
        return void out.push(...b);
      }
      case "double": {
        const b = Buffer.alloc(8);
        if (r.chance(0.1)) for (let i = 0; i < 8; i++) b[i] = r.int(256);
        else b.writeDoubleLE(r.chance(0.8) ? r.pick(DOUBLE_EDGES) : (r.next() - 0.5) * 10 ** r.between(-10, 20));
        return void out.push(...b);
      }
      case "string":
        return this.string(out);
      case "bytes": {
        const n = r.between(0, 6);
        long(out, n);
        for (let i = 0; i < n; i++) out.push(r.int(256));
        return;
      }
    }
    throw new Error(`no value for ${type}`);
  }

  private string(out: number[]) {
    const r = this.r;
    const bytes = r.chance(0.08) ? Buffer.from(r.pick(INVALID_UTF8)) : Buffer.from(r.chance(0.8) ? r.pick(STRING_EDGES) : randomText(r), "utf8");
    long(out, bytes.length);
    out.push(...bytes);
  }

  private decimal(o: Obj, out: number[]) {
    const r = this.r;
    const size = o.type === "fixed" ? (o.size as number) : r.pick([0, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 10, 16]);
    const bytes = Buffer.alloc(size);
    const style = r.int(6);
    for (let i = 0; i < size; i++) bytes[i] = style === 0 ? 0 : style === 1 ? 0xff : style === 2 ? (i === 0 ? 0x80 : 0) : style === 3 ? (i === 0 ? 0x7f : 0xff) : r.int(256);
    if (o.type !== "fixed") long(out, size);
    out.push(...bytes);
  }
}

function randomText(r: Rng) {
  const alphabet = ["a", "Z", "0", "9", " ", ".", "-", ":", '"', "\\", "\n", "\u0000", "\u001b", "\u007f", "é", "ß", "中", "😀", "\u00a0", "\ufeff"];
  return Array.from({ length: r.between(0, 12) }, () => r.pick(alphabet)).join("");
}

/** Avro's zig-zag varint of a whole number (exact beyond 2^53: through BigInt). */
function long(out: number[], n: number) {
  let z = n >= 0 ? BigInt(n) * 2n : -BigInt(n) * 2n - 1n;
  do {
    let b = Number(z & 0x7fn);
    z >>= 7n;
    if (z > 0n) b |= 0x80;
    out.push(b);
  } while (z > 0n);
}

/** Column types that take (some) values of a field of the schema, so that rows are written as often as dead letters. */
function fitting(s: Schema): string[] {
  if (Array.isArray(s)) return s.flatMap(fitting);
  const o = (typeof s === "string" ? { type: s } : s) as Obj;
  if (o.logicalType === "decimal") return ["numeric", "numeric(12,2)", "numeric(38,10)", "numeric(5,0)", "real", "double precision", "text"];
  if (o.logicalType === "date") return ["date", "integer"];
  if (o.logicalType === "time-millis") return ["time without time zone", "integer"];
  if (o.logicalType === "timestamp-millis") return ["timestamp with time zone", "bigint"];
  switch (o.type) {
    case "null":
      return [];
    case "boolean":
      return ["boolean"];
    case "int":
      return ["smallint", "integer", "bigint", "numeric", "real", "date", "time without time zone"];
    case "long":
      return ["bigint", "numeric", "double precision", "timestamp with time zone", "date"];
    case "float":
    case "double":
      return ["real", "double precision", "numeric", "numeric(12,2)", "integer", "timestamp with time zone"];
    case "string":
      return ["text", "text", "numeric", "date", "timestamp with time zone", "time without time zone", "jsonb"];
    case "enum":
      return ["text"];
    default:
      // Records, arrays, maps, bytes, fixed and names of them.
      return ["jsonb"];
  }
}

/**
 * A table for the first writer schema: most of its fields in a column of a type that fits (by the field's name, or
 * another column name with the field as `field`), the others left out (unknown fields); and columns of any type,
 * some of no field at all.
 */
function randomPlan(r: Rng, writer: Schema): PortPlan {
  const fields = typeof writer === "object" && !Array.isArray(writer) && (writer as Obj).type === "record" ? ((writer as Obj).fields as { name: string; type: Schema }[]) : [];
  const columns: TableColumn[] = [];
  const taken = new Set<string>();
  const column = (name: string, type: string, field?: string) => {
    if (taken.has(name)) return;
    taken.add(name);
    const c: TableColumn = { name, type, notNull: r.chance(0.15) };
    if (field !== undefined) c.field = field;
    columns.push(c);
  };
  for (const f of fields) {
    if (r.chance(0.2)) continue;
    const fit = fitting(f.type);
    const type = fit.length && r.chance(0.85) ? r.pick(fit) : r.pick(COLUMN_TYPES);
    if (r.chance(0.2)) column(r.pick(NAMES), type, f.name);
    else column(f.name, type);
  }
  for (let n = r.between(0, 3); n > 0; n--) column(r.pick(NAMES), r.pick(COLUMN_TYPES), r.chance(0.3) ? r.pick(NAMES) : undefined);
  if (columns.length === 0) column(r.pick(NAMES), r.pick(COLUMN_TYPES));
  r.some(columns, columns.length).forEach((c, i) => (columns[i] = c));
  return testPortPlan(columns, { primaryKey: r.chance(0.3) ? [columns[0].name] : [] });
}

/**
 * A valid value's bytes spoiled: truncated, trailing bytes, bytes changed, one inserted or one dropped. Not changed,
 * inserted or dropped where the schema has arrays or maps: a block count made huge there has avsc itself push items
 * until the process runs out of memory (in both paths, which read arrays and maps with avsc alike).
 */
function corrupt(r: Rng, good: Buffer, onlyEnds: boolean): Buffer {
  const b = Buffer.from(good);
  switch (onlyEnds ? r.int(2) : r.int(5)) {
    case 0:
      return b.subarray(0, 5 + r.int(Math.max(1, b.length - 5)));
    case 1:
      return Buffer.concat([b, Buffer.from(Array.from({ length: r.between(1, 3) }, () => r.pick([0, 1, 2, 0x80, 0xff, r.int(256)])))]);
    case 2: {
      if (b.length > 5) for (let k = r.between(1, 3); k > 0; k--) b[5 + r.int(b.length - 5)] = r.pick([0, 0x7f, 0x80, 0xff, 1, 2, 3, r.int(256)]);
      return b;
    }
    case 3: {
      const at = 5 + r.int(b.length - 4);
      return Buffer.concat([b.subarray(0, at), Buffer.from([r.pick([0xff, 0x80, 0x01, 0x7f, r.int(256)])]), b.subarray(at)]);
    }
    default: {
      if (b.length > 5) {
        const at = 5 + r.int(b.length - 5);
        return Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
      }
      return b;
    }
  }
}

type Case = { plan: PortPlan; schemas: Record<number, Schema>; types: Record<number, avro.Type>; values: (Buffer | null)[] };

function randomCase(seed: number): Case {
  const r = new Rng(seed);
  const schemas: Record<number, Schema> = {};
  const gens: Record<number, ValueGen> = {};
  const types: Record<number, avro.Type> = {};
  const collections: Record<number, boolean> = {};
  const ids = r.between(1, 3);
  for (let id = 1; id <= ids; id++) {
    // Now and then a writer schema that is not a record's (its values are never transcoded).
    let schema: Schema | undefined;
    for (let attempt = 0; !schema && attempt < 10; attempt++) {
      const candidate = r.chance(0.04) ? new SchemaGen(r).type(1) : new SchemaGen(r).record("Top", 0, r.between(0, 9));
      try {
        types[id] = avro.Type.forSchema(candidate, { ...AVRO_READ_OPTIONS });
        schema = candidate;
      } catch {
        // A schema avsc refuses (say, an ambiguous union): another one.
      }
    }
    if (!schema) types[id] = avro.Type.forSchema((schema = "string"), { ...AVRO_READ_OPTIONS });
    schemas[id] = schema;
    gens[id] = new ValueGen(r, schemas[id]);
    collections[id] = /"type":"(array|map)"/.test(JSON.stringify(schemas[id]));
  }
  const plan = randomPlan(r, schemas[1]);
  const values: (Buffer | null)[] = [];
  for (let n = r.between(16, 64); n > 0; n--) {
    if (r.chance(0.04)) {
      values.push(null);
      continue;
    }
    const id = r.chance(0.02) ? 9 : r.between(1, ids);
    const out = [0, 0, 0, 0, id];
    gens[id in gens ? id : 1].value(schemas[id in gens ? id : 1], out);
    const good = Buffer.from(out);
    values.push(r.chance(0.3) ? corrupt(r, good, collections[id in gens ? id : 1]) : good);
  }
  return { plan, schemas, types, values };
}

const records = (values: (Buffer | null)[]): PreparedRecords => ({
  offsets: values.map((_, i) => String(100 + i)),
  keys: values.map((_, i) => (i % 3 ? null : `k-${i}`)),
  timestamps: values.map((_, i) => new Date(1_750_000_000_000 + i * 7).toISOString()),
  values,
  headers: values.map(() => null),
});

/** The batch converted by the transcoder (where it vouches for the bytes), then by avsc and writeCopyRow alone. */
async function bothWays(plan: () => PortPlan, types: Record<number, avro.Type>, values: (Buffer | null)[]): Promise<[ConvertedBatch, ConvertedBatch, number]> {
  const decode = createRecordDecoder({
    getSchema: async (id: number) => {
      if (!types[id]) throw Object.assign(new Error("Schema not found"), { status: 404 });
      return types[id];
    },
  });
  // The writer schemas fetched, as after a worker's first fetch.
  for (const id of Object.keys(types)) await decode(Buffer.from([0, 0, 0, 0, Number(id)]));
  const lazy = await lazyValues(decode, values);
  const straight = convertBatch(plan(), 3, records(values), lazy, new Set(["x"]));
  // The values the transcoder wrote itself (a row or a dead letter): those it left UNREAD were decoded by avsc since.
  let transcoded = 0;
  for (let i = 0; i < values.length; i++) if (lazy.decoded[i] === undefined) transcoded++;
  const eager = await lazyValues(decode, values);
  for (let i = 0; i < values.length; i++) if (eager.decoded[i] === undefined) eager.decodeAt(i);
  const decoded = convertBatch(plan(), 3, records(values), eager, new Set(["x"]));
  return [straight, decoded, transcoded];
}

const same = (a: ConvertedBatch, b: ConvertedBatch) => a.rowBytes.equals(b.rowBytes) && JSON.stringify({ ...a, rowBytes: null, records: null }) === JSON.stringify({ ...b, rowBytes: null, records: null });

/** The first value that alone diverges, as a readable case (schema, columns, bytes) for the failure message. */
async function explain(c: Case): Promise<string> {
  const columns = c.plan.table.columns.filter((col) => !col.name.startsWith("_"));
  for (let i = 0; i < c.values.length; i++) {
    const [a, b] = await bothWays(() => new PortPlan(c.plan.table), c.types, [c.values[i]]);
    if (!same(a, b)) {
      return JSON.stringify({ columns, schemas: c.schemas, value: c.values[i]?.toString("hex"), straight: { dead: a.dead, rows: a.rowBytes.toString("hex") }, decoded: { dead: b.dead, rows: b.rowBytes.toString("hex") } }, null, 1);
    }
  }
  return "only the whole batch diverges";
}

const SEEDS = [0x5eed, 0xc0ffee, 20_261_203];
// A few seconds in all; FUZZ_CASES=20000 (say) searches longer, FUZZ_STATS=1 prints what the cases made.
const CASES_PER_SEED = Number(process.env.FUZZ_CASES ?? 120);

describe("Avro straight into binary COPY rows, fuzzed against avsc and writeCopyRow", () => {
  for (const seed of SEEDS) {
    it(`writes the same rows and dead letters for ${CASES_PER_SEED} random schemas, plans and values (seed ${seed})`, async () => {
      const seeds = seededRandom(seed);
      let values = 0;
      let written = 0;
      let rows = 0;
      let dead = 0;
      for (let k = 0; k < CASES_PER_SEED; k++) {
        const c = randomCase(Math.floor(seeds() * 2 ** 32));
        const [straight, decoded, transcoded] = await bothWays(() => new PortPlan(c.plan.table), c.types, c.values);
        if (!same(straight, decoded)) expect.fail(`case ${k} of seed ${seed} diverges:\n${await explain(c)}`);
        expect(straight.rowBytes.equals(decoded.rowBytes)).toBe(true);
        // The rest of the batches (their records are the same values, compared above by what was made of them).
        expect({ ...straight, rowBytes: null, records: null }).toEqual({ ...decoded, rowBytes: null, records: null });
        values += c.values.length;
        written += transcoded;
        rows += decoded.rowRecords.length;
        dead += decoded.dead.length;
      }
      // The cases write rows and dead letters both (a generator gone wrong would make only one kind).
      expect(rows).toBeGreaterThan(values / 10);
      expect(dead).toBeGreaterThan(values / 10);
      // Most values are the transcoder's own (else it would be avsc compared with itself).
      expect(written).toBeGreaterThan(values / 2);
      if (process.env.FUZZ_STATS) console.log({ seed, cases: CASES_PER_SEED, values, written, rows, dead });
    });
  }
});

/** One writer schema (id 1), a table of these columns and values given as payload bytes: both ways, compared. */
async function bothWaysFor(columns: TableColumn[], schema: Schema, payloads: number[][]) {
  const values = payloads.map((p) => Buffer.from([0, 0, 0, 0, 1, ...p]));
  const [straight, decoded] = await bothWays(() => testPortPlan(columns), { 1: avro.Type.forSchema(schema, { ...AVRO_READ_OPTIONS }) }, values);
  expect(straight.rowBytes.equals(decoded.rowBytes)).toBe(true);
  expect({ ...straight, rowBytes: null, records: null }).toEqual({ ...decoded, rowBytes: null, records: null });
  return decoded;
}

const utf8 = (s: string) => [...Buffer.from(s)];
const str = (s: string) => {
  const out: number[] = [];
  long(out, Buffer.byteLength(s));
  return [...out, ...utf8(s)];
};

// What the fuzzing found, kept as cases of their own (the seeds above need not come across them again).
describe("Avro straight into binary COPY rows, the divergences fuzzing found", () => {
  it("reads a recursive record (a linked list) by avsc, rather than recursing forever to make its JSON reader", async () => {
    const node = { type: "record", name: "Node", fields: [{ name: "v", type: "int" }, { name: "next", type: ["null", "Node"] }] };
    const schema = { type: "record", name: "Top", fields: [{ name: "id", type: "string" }, { name: "list", type: ["null", node] }] } as Schema;
    // id "a", list: Node(1, Node(-1, null)).
    const decoded = await bothWaysFor([{ name: "id", type: "text", notNull: true }, { name: "list", type: "jsonb", notNull: false }], schema, [[...str("a"), 2, 2, 2, 1, 0]]);
    expect(decoded.rowRecords).toEqual([0]);
  });

  it("finds no value for a column named as a record's inherited property (constructor, toString, compare, …) the writer schema lacks", async () => {
    const schema = { type: "record", name: "Top", fields: [{ name: "id", type: "string" }, { name: "valueOf", type: "long" }] } as Schema;
    const nullable = ["constructor", "toString", "compare", "wrap", "hasOwnProperty"].map((name) => ({ name, type: "text", notNull: false }));
    const written = await bothWaysFor([{ name: "id", type: "text", notNull: true }, { name: "valueOf", type: "bigint", notNull: false }, ...nullable], schema, [[...str("a"), 4]]);
    expect(written.rowRecords).toEqual([0]);
    const required = await bothWaysFor([{ name: "id", type: "text", notNull: true }, { name: "clone", type: "jsonb", notNull: true }], schema, [[...str("a"), 4]]);
    expect(required.dead).toEqual([{ index: 0, reason: "missing_field", error: "The record has no clone, which the table's contract requires." }]);
  });

  it("writes a decimal of a scale Avro calls invalid (negative, fractional) as its text, as avsc decodes it", async () => {
    const fields = [-2, 2.5, 3].map((scale, i) => ({ name: `d${i}`, type: { type: "bytes", logicalType: "decimal", precision: 10, scale } }));
    const schema = { type: "record", name: "Top", fields } as Schema;
    const decoded = await bothWaysFor(
      fields.map((f) => ({ name: f.name, type: "numeric", notNull: false })),
      schema,
      [
        [2, 0x05, 2, 0x05, 2, 0x05],
        [4, 0x30, 0x39, 4, 0xcf, 0xc7, 2, 0x00],
      ],
    );
    expect(decoded.rowRecords).toEqual([0, 1]);
  });

  it("dead-letters a record avsc cannot write as text (a decimal on fixed, a decimal beside a string in a union) instead of throwing", async () => {
    const meta = { type: "record", name: "Meta", fields: [{ name: "d", type: { type: "fixed", name: "D", size: 4, logicalType: "decimal", precision: 9, scale: 2 } }] };
    const tags = { type: "map", values: ["string", { type: "bytes", logicalType: "decimal", precision: 9, scale: 1 }] };
    const schema = { type: "record", name: "Top", fields: [{ name: "meta", type: meta }, { name: "tags", type: tags }] } as Schema;
    const columns = [
      { name: "meta", type: "text", notNull: false },
      { name: "tags", type: "jsonb", notNull: false },
    ];
    // meta.d = 1.00; tags = { k: 1.5 } (the decimal branch).
    const payload = [0, 0, 0, 0x64, 2, ...str("k"), 2, 2, 0x0f, 0];
    const decoded = await bothWaysFor(columns, schema, [payload]);
    expect(decoded.dead).toEqual([{ index: 0, reason: "wrong_type", error: `meta is object {"d":"1.00"}, not a text as the table's contract says.` }]);
    const asText = await bothWaysFor([columns[1], { name: "x", type: "text", notNull: false, field: "tags" }], schema, [payload]);
    expect(asText.dead.map((d) => d.reason)).toEqual(["wrong_type"]);
  });
});
