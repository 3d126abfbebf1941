import type avro from "avsc";
import { type JsonType, branchAt, jsonType, readJson } from "./avro-to-json";
import { BOOLEAN, CODES, DECIMAL, DOUBLE, FLOAT, INT, LONG, MAX_LONG, NULL, OTHER, STRING, at, readLong } from "./avro-cursor";
import { type CopyWriter, writeNumericScaled } from "./copy-binary";
import { type CopyMeta, type PortPlan, type RowFailure, failedRow, wrongType } from "./port-plan";
import { DecimalType, decimalText } from "./record-decoder";

/**
 * Reads a Confluent-framed Avro value straight into a binary COPY row, without avsc making a record object and its
 * strings first (the materializer's largest share of CPU per row, see the README's materialization figures). Made once
 * per writer schema and table port, from the avsc type the registry client built for the schema. It only writes what
 * decoding with avsc and PortPlan.writeCopyRow would write: primitive fields (and unions of them) are read here, every
 * other field by its own avsc type, and a value it cannot vouch for (truncated, trailing bytes, a bad union index, a
 * long beyond avsc's precision) is left UNREAD, for the caller to decode with avsc and the dead letter avsc's error.
 */
export const UNREAD = Symbol("unread");

type Step = { code: number; branches: number[] | null; type: avro.Type; scale: number; json?: JsonType };

/** A record (or a union with records) read as JSON by avro-to-json. */
const JSON_VALUE = 9;

/** The value of a string or decimal field that was not decoded: its bytes are at starts/ends of the step. */
const TEXT = Symbol("text");
const DECIMAL_BYTES = Symbol("decimal");
const JSON_BYTES = Symbol("json");

export class AvroToCopy {
  /** The writer schema's fields the table's contract lacks (every record of the schema carries them). */
  readonly unknownFields: string[];
  private readonly steps: Step[];
  /** For each column of the plan, the step that reads its field, or -1 when the writer schema has no such field. */
  private readonly stepOf: number[];
  private readonly values: unknown[];
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** For a JSON step, the type of the value read (a union's branch). */
  private readonly json: JsonType[];

  constructor(
    private readonly plan: PortPlan,
    writer: avro.types.RecordType,
  ) {
    const fields = writer.fields;
    this.steps = fields.map((f) => step(f.type));
    const index = new Map(fields.map((f, i) => [f.name, i]));
    // As writeCopyRow looks a column's value up: its first key when the record has that field, else its second.
    this.stepOf = plan.columns.map((c) => c.keys.map((k) => index.get(k)).find((i) => i !== undefined) ?? -1);
    this.unknownFields = plan.unknownFields(Object.fromEntries(fields.map((f) => [f.name, null])));
    this.values = new Array(fields.length);
    this.starts = new Int32Array(fields.length);
    this.ends = new Int32Array(fields.length);
    this.json = new Array(fields.length);
  }

  /** The value's row as writeCopyRow would write its decoded record, why it is a dead letter, or UNREAD. */
  write(w: CopyWriter, value: Buffer, meta: CopyMeta): RowFailure | null | typeof UNREAD {
    if (!this.read(value)) return UNREAD;
    const { columns } = this.plan;
    const { stepOf, values } = this;
    const start = w.pos;
    this.plan.writeFieldCount(w);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i];
      const s = stepOf[i];
      const v = s < 0 ? undefined : values[s];
      if (v === undefined || v === null) {
        if (c.notNull) return failedRow(w, start, c.missing);
        w.null();
        continue;
      }
      if (v === DECIMAL_BYTES) {
        const { scale } = this.steps[s];
        const from = this.starts[s];
        const length = this.ends[s] - from;
        // Up to 6 bytes is a safe integer: written as numeric without a decimal text (else the text, as avsc makes it).
        if (length <= 6 && c.numeric && writeNumericScaled(w, length === 0 ? 0 : value.readIntBE(from, length), scale)) continue;
        const text = decimalText(value.subarray(from, this.ends[s]), scale);
        if (!c.encode(w, text)) return failedRow(w, start, wrongType(c, text));
        continue;
      }
      if (v === JSON_BYTES) {
        const json = this.json[s];
        if (c.kind === "json") {
          // jsonb's binary form: its format version (1), then the JSON text; the length once it is written.
          w.ensure(5);
          const lengthAt = w.pos;
          w.pos += 4;
          w.buf[w.pos++] = 1;
          at.buf = value;
          at.pos = this.starts[s];
          readJson(json, w);
          w.buf.writeInt32BE(w.pos - lengthAt - 4, lengthAt);
          continue;
        }
        const decoded: unknown = json.type.decode(value, this.starts[s]).value;
        if (!c.encode(w, decoded)) return failedRow(w, start, wrongType(c, decoded));
        continue;
      }
      if (v === TEXT) {
        if (c.kind === "text" && copyAscii(w, value, this.starts[s], this.ends[s])) continue;
        const text = value.toString("utf8", this.starts[s], this.ends[s]);
        if (!c.encode(w, text)) return failedRow(w, start, wrongType(c, text));
        continue;
      }
      if (!c.encode(w, v)) return failedRow(w, start, wrongType(c, v));
    }
    this.plan.writeStreamFields(w, meta);
    return null;
  }

  /** Reads the value's fields into `values` (strings as byte ranges); false when avsc would not read it as it is. */
  private read(value: Buffer): boolean {
    const { steps, values } = this;
    at.buf = value;
    at.pos = 5;
    const end = value.length;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      let code = step.code;
      if (step.branches !== null) {
        const branch = readLong();
        if (branch < 0 || branch >= step.branches.length) return false;
        code = step.branches[branch];
      }
      switch (code) {
        case NULL:
          values[s] = null;
          break;
        case BOOLEAN:
          values[s] = !!at.buf[at.pos++];
          break;
        case INT:
          values[s] = readLong();
          break;
        case LONG: {
          const n = readLong();
          if (!(n >= -MAX_LONG && n <= MAX_LONG)) return false;
          values[s] = n;
          break;
        }
        case FLOAT:
          if (at.pos + 4 > end) return false;
          values[s] = value.readFloatLE(at.pos);
          at.pos += 4;
          break;
        case DOUBLE:
          if (at.pos + 8 > end) return false;
          values[s] = value.readDoubleLE(at.pos);
          at.pos += 8;
          break;
        case STRING:
        case DECIMAL: {
          const length = readLong();
          if (length < 0 || at.pos + length > end) return false;
          this.starts[s] = at.pos;
          at.pos += length;
          this.ends[s] = at.pos;
          values[s] = code === STRING ? TEXT : DECIMAL_BYTES;
          break;
        }
        case JSON_VALUE: {
          const branch = branchAt(step.json!);
          if (branch === null) return false;
          if (branch.code === NULL) {
            values[s] = null;
            break;
          }
          this.starts[s] = at.pos;
          if (!readJson(branch, null)) return false;
          this.json[s] = branch;
          values[s] = JSON_BYTES;
          break;
        }
        default:
          try {
            const read = step.type.decode(value, at.pos);
            if (read.offset < 0) return false;
            values[s] = read.value;
            at.pos = read.offset;
          } catch {
            return false;
          }
      }
    }
    // Truncated (varints read past the end) or trailing data: avsc refuses both.
    return at.pos === end;
  }
}

function step(type: avro.Type): Step {
  const read = primitiveStep(type);
  if (read.code !== OTHER) return read;
  const json = jsonType(type);
  return json ? { code: JSON_VALUE, branches: null, type, scale: 0, json } : read;
}

function primitiveStep(type: avro.Type): Step {
  if (type.typeName === "union:unwrapped") {
    const types = (type as avro.types.UnwrappedUnionType).types;
    const branches = types.map(codeOf);
    const decimals = types.filter((t) => codeOf(t) === DECIMAL);
    // A union with a complex branch (or two decimals) is read by avsc as a whole.
    if (!branches.includes(OTHER) && decimals.length <= 1) return { code: -1, branches, type, scale: decimals.length ? scaleOf(decimals[0]) : 0 };
    return { code: OTHER, branches: null, type, scale: 0 };
  }
  const code = codeOf(type);
  return { code, branches: null, type, scale: code === DECIMAL ? scaleOf(type) : 0 };
}

function codeOf(type: avro.Type): number {
  if (type instanceof DecimalType) return type.underlyingType.typeName === "bytes" ? DECIMAL : OTHER;
  return CODES[type.typeName] ?? OTHER;
}

const scaleOf = (type: avro.Type) => (type as DecimalType).scale;

/** A text field of ASCII bytes as they are (what fieldText writes for the decoded string); false for any other byte. */
function copyAscii(w: CopyWriter, value: Buffer, start: number, end: number): boolean {
  const length = end - start;
  w.ensure(4 + length);
  // Copied while checked, byte by byte: cheaper than a native copy for a short text (a non-ASCII byte: nothing counts).
  const { buf } = w;
  const to = w.pos + 4 - start;
  for (let p = start; p < end; p++) {
    const b = value[p];
    if (b >= 0x80) return false;
    buf[to + p] = b;
  }
  w.int32(length);
  w.pos += length;
  return true;
}

const transcoders = new WeakMap<PortPlan, Map<number, AvroToCopy | null>>();

/** The plan's transcoder for a writer schema (made once), or null when the schema is not an Avro record's. */
export function avroToCopy(plan: PortPlan, schemaId: number, writer: avro.Type | undefined): AvroToCopy | null {
  let byId = transcoders.get(plan);
  if (!byId) transcoders.set(plan, (byId = new Map()));
  let found = byId.get(schemaId);
  if (found === undefined) {
    found = writer && writer.typeName === "record" ? new AvroToCopy(plan, writer as avro.types.RecordType) : null;
    byId.set(schemaId, found);
  }
  return found;
}
