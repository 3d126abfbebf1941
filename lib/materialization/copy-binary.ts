/**
 * PostgreSQL's binary COPY format, written by the materializer: PostgreSQL then reads integers, timestamps and
 * numerics as they are stored instead of parsing their text, its largest share of CPU per row (see the README's
 * materialization figures). Each value is checked here as the column's input function would check its text; what
 * only PostgreSQL can judge (a numeric's precision, a text's NUL byte, a jsonb's escapes) it still refuses itself.
 */

/** The file header (signature, flags, no extension) and trailer that frame every binary COPY. */
export const COPY_BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

const TWO_32 = 4_294_967_296;
/** 2000-01-01, PostgreSQL's epoch for dates and timestamps, in Unix milliseconds and days. */
const PG_EPOCH_MS = 946_684_800_000;
const PG_EPOCH_DAYS = 10_957;
const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;

/** Rows of one COPY, field by field, into one buffer that grows as it fills. */
export class CopyWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  ensure(bytes: number) {
    if (this.pos + bytes <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int16(v: number) {
    const { buf, pos } = this;
    buf[pos] = v >> 8;
    buf[pos + 1] = v;
    this.pos = pos + 2;
  }

  int32(v: number) {
    const { buf, pos } = this;
    buf[pos] = v >>> 24;
    buf[pos + 1] = v >>> 16;
    buf[pos + 2] = v >>> 8;
    buf[pos + 3] = v;
    this.pos = pos + 4;
  }

  /** A whole number as int64 (exact up to 2^53; larger ones come as bigints). */
  int64(v: number) {
    const hi = Math.floor(v / TWO_32);
    this.int32(hi);
    this.int32(v - hi * TWO_32);
  }

  bigint64(v: bigint) {
    this.ensure(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
  }

  /** A NULL field. */
  null() {
    this.ensure(4);
    this.int32(-1);
  }

  fieldInt16(v: number) {
    this.ensure(6);
    this.int32(2);
    this.int16(v);
  }

  fieldInt32(v: number) {
    this.ensure(8);
    this.int32(4);
    this.int32(v);
  }

  fieldInt64(v: number) {
    this.ensure(12);
    this.int32(8);
    this.int64(v);
  }

  /** A text field as UTF-8, after its length; `prefix` is a byte before the text (jsonb's format version). */
  fieldText(s: string, prefix = -1) {
    const extra = prefix >= 0 ? 1 : 0;
    this.ensure(4 + extra + s.length * 3);
    const start = this.pos;
    let p = start + 4;
    const { buf } = this;
    if (extra) buf[p++] = prefix;
    // Short ASCII (ids, keys, codes) byte by byte: cheaper than a call into the UTF-8 encoder for each.
    let ascii = s.length <= 64;
    if (ascii) {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        buf[p + i] = c;
      }
    }
    const bytes = ascii ? s.length : buf.write(s, p, "utf8");
    this.pos = start;
    this.int32(bytes + extra);
    this.pos = p + bytes;
  }

  /** The rows written since `start`, as their own buffer (the writer goes on filling its own). */
  slice(start = 0): Buffer {
    return this.buf.subarray(start, this.pos);
  }
}

/** Unix milliseconds (and extra microseconds) as a timestamptz field, or false when no Date could hold them. */
export function writeTimestamp(w: CopyWriter, ms: number, micros = 0): boolean {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return false;
  const value = (ms - PG_EPOCH_MS) * 1000 + micros;
  w.ensure(12);
  w.int32(8);
  if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) w.int64(Math.round(value));
  else w.bigint64(BigInt(Math.trunc(ms - PG_EPOCH_MS)) * 1000n + BigInt(micros));
  return true;
}

// The fraction of a second beyond milliseconds, which Date.parse drops: "…:05.123456Z" keeps its 456 µs.
const SUB_MILLIS = /:\d\d[.,]\d{3}(\d{1,3})/;

/** A timestamp's text as JavaScript reads it (ISO 8601 and what Date.parse takes), with its microseconds. */
export function writeTimestampText(w: CopyWriter, text: string): boolean {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return false;
  const sub = SUB_MILLIS.exec(text);
  return writeTimestamp(w, ms, sub ? Number(sub[1].padEnd(3, "0")) : 0);
}

/** Days since 1970-01-01 as a date field. */
export function writeDate(w: CopyWriter, days: number): boolean {
  if (!Number.isInteger(days) || Math.abs(days) > 100_000_000) return false;
  w.fieldInt32(days - PG_EPOCH_DAYS);
  return true;
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date's text (YYYY-MM-DD, a day that exists) as a date field. */
export function writeDateText(w: CopyWriter, text: string): boolean {
  const m = DATE_TEXT.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (y === 0 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  return writeDate(w, Math.floor(date.getTime() / DAY_MS));
}

const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/** Microseconds since midnight as a time field; 24:00:00 is the day's end, as PostgreSQL has it. */
function writeMicrosOfDay(w: CopyWriter, micros: number): boolean {
  if (!Number.isInteger(micros) || micros < 0 || micros > DAY_MS * 1000) return false;
  w.fieldInt64(micros);
  return true;
}

export const writeTimeMillis = (w: CopyWriter, ms: number) => Number.isInteger(ms) && ms >= 0 && ms < DAY_MS && writeMicrosOfDay(w, ms * 1000);

/** HH:MM[:SS[.fraction]] as a time field (the fraction rounded to microseconds, as PostgreSQL rounds it). */
export function writeTimeText(w: CopyWriter, text: string): boolean {
  const m = TIME_TEXT.exec(text);
  if (!m) return false;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 24 || min > 59 || s > 59) return false;
  const micros = m[4] ? Math.round(Number(`0.${m[4]}`) * 1e6) : 0;
  const total = ((h * 60 + min) * 60 + s) * 1e6 + micros;
  return total <= DAY_MS * 1000 && writeMicrosOfDay(w, total);
}

const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_MAX_DSCALE = 1000;
const NUMERIC_MAX_WEIGHT = 32_767;

/**
 * A decimal's text (digits, an optional fraction and exponent: what NUMERIC_TEXT lets through, and what String writes
 * for a number) as a numeric field: base-10000 digits with their weight, sign and display scale. The column's
 * precision and scale are applied by PostgreSQL (a value too large for numeric(12,2) is still refused there).
 */
export function writeNumericText(w: CopyWriter, text: string): boolean {
  let i = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative) i = 1;
  let e = text.indexOf("e");
  if (e < 0) e = text.indexOf("E");
  const mantissa = e < 0 ? text.slice(i) : text.slice(i, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  if (!Number.isSafeInteger(exponent)) return false;
  const dot = mantissa.indexOf(".");
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  // Where the decimal point falls among the digits, and how many digits a group of 4 needs before the first.
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  const dscale = Math.max(0, fraction - exponent);
  if (dscale > NUMERIC_MAX_DSCALE) return false;
  const pad = (4 - (((point % 4) + 4) % 4)) % 4;
  const groups: number[] = [];
  for (let start = -pad; start < digits.length; start += 4) {
    let g = 0;
    for (let k = start; k < start + 4; k++) g = g * 10 + (k >= 0 && k < digits.length ? digits.charCodeAt(k) - 48 : 0);
    groups.push(g);
  }
  let weight = (point + pad) / 4 - 1;
  let first = 0;
  while (first < groups.length && groups[first] === 0) {
    first++;
    weight--;
  }
  let end = groups.length;
  while (end > first && groups[end - 1] === 0) end--;
  const n = end - first;
  if (n === 0) weight = 0;
  if (weight > NUMERIC_MAX_WEIGHT || weight < -NUMERIC_MAX_WEIGHT) return false;
  w.ensure(12 + 2 * n);
  w.int32(8 + 2 * n);
  w.int16(n);
  w.int16(weight);
  w.int16(n > 0 && negative ? NUMERIC_NEG : NUMERIC_POS);
  w.int16(dscale);
  for (let k = first; k < end; k++) w.int16(groups[k]);
  return true;
}

/**
 * An exact decimal given as its unscaled whole number and scale (an Avro decimal's bytes, read as a safe integer): the
 * numeric writeNumericText writes for the decimal's text, without making the text. False when the number is not safe
 * or the scale not a whole number from 0 to 1000.
 */
export function writeNumericScaled(w: CopyWriter, unscaled: number, scale: number): boolean {
  // Digits after the point, made a multiple of 4 so base-10000 groups line up with it.
  const pad = (4 - (scale % 4)) % 4;
  let m = Math.abs(unscaled);
  // A scale Avro calls invalid (negative, fractional; a registry keeps it all the same) is the decimal text's to write.
  if (!Number.isSafeInteger(m) || !Number.isInteger(scale) || scale < 0 || scale > NUMERIC_MAX_DSCALE) return false;
  const fractionGroups = (scale + pad) / 4;
  // Groups from the least significant (the lowest holds the last 4 - pad digits, then zeros); the trailing zero ones
  // (after the point) are not written.
  let groups = 0;
  let lowest = -1;
  for (let k = 0, base = 10 ** (4 - pad), shift = 10 ** pad; m > 0; k++, base = 10_000, shift = 1) {
    const digits = m % base;
    const g = digits * shift;
    if (g !== 0 && lowest < 0) lowest = k;
    NUMERIC_GROUPS[k] = g;
    m = (m - digits) / base;
    groups = k + 1;
  }
  const n = lowest < 0 ? 0 : groups - lowest;
  const weight = n === 0 ? 0 : groups - 1 - fractionGroups;
  if (weight < -NUMERIC_MAX_WEIGHT) return false;
  w.ensure(12 + 2 * n);
  w.int32(8 + 2 * n);
  w.int16(n);
  w.int16(weight);
  w.int16(n > 0 && unscaled < 0 ? NUMERIC_NEG : NUMERIC_POS);
  w.int16(scale);
  for (let k = groups - 1; k >= groups - n; k--) w.int16(NUMERIC_GROUPS[k]);
  return true;
}

const NUMERIC_GROUPS = new Array<number>(8).fill(0);

export function writeFloat4(w: CopyWriter, v: number): boolean {
  const f = Math.fround(v);
  // As float4in: a finite value beyond real's range, or one that underflows to zero, is out of range.
  if (!Number.isFinite(f) || (f === 0 && v !== 0)) return false;
  w.ensure(8);
  w.int32(4);
  w.buf.writeFloatBE(f, w.pos);
  w.pos += 4;
  return true;
}

export function writeFloat8(w: CopyWriter, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  w.ensure(12);
  w.int32(8);
  w.buf.writeDoubleBE(v, w.pos);
  w.pos += 8;
  return true;
}

export function writeBoolean(w: CopyWriter, v: boolean) {
  w.ensure(5);
  w.int32(1);
  w.buf[w.pos++] = v ? 1 : 0;
}

const INT_RANGE = { 2: [-32_768, 32_767], 4: [-2_147_483_648, 2_147_483_647], 8: [-(2 ** 63), 2 ** 63 - 1] } as const;
const INT8_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;

/** A whole number (or bigint) as an integer field of 2, 4 or 8 bytes, or false when it is not one or out of range. */
export function writeInteger(w: CopyWriter, bytes: 2 | 4 | 8, value: unknown): boolean {
  if (typeof value === "number") {
    const [min, max] = INT_RANGE[bytes];
    if (!Number.isInteger(value) || value < min || value > max) return false;
    if (bytes === 2) w.fieldInt16(value);
    else if (bytes === 4) w.fieldInt32(value);
    else if (Math.abs(value) <= Number.MAX_SAFE_INTEGER) w.fieldInt64(value);
    else return writeInteger(w, 8, BigInt(value));
    return true;
  }
  if (typeof value !== "bigint") return false;
  if (value < INT8_RANGE[0] || value > INT8_RANGE[1]) return false;
  if (bytes < 8) return writeInteger(w, bytes, Number(value));
  w.ensure(12);
  w.int32(8);
  w.bigint64(value);
  return true;
}
