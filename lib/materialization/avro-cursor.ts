/**
 * Where the transcoders (avro-to-copy, avro-to-json) read: one value at a time, so one cursor for all of them (no
 * cursor object per value). Reads past the end give zeros, as avsc's Tap does; the caller checks `pos` at the end.
 */
export const at: { buf: Buffer; pos: number } = { buf: Buffer.alloc(0), pos: 0 };

/** Avro's zig-zag varint, exactly as avsc's Tap#readLong reads it. */
export function readLong(): number {
  const { buf } = at;
  let { pos } = at;
  let n = 0;
  let k = 0;
  let b: number;
  let h: number;
  do {
    b = buf[pos++];
    h = b & 0x80;
    n |= (b & 0x7f) << k;
    k += 7;
  } while (h && k < 28);
  if (h) {
    let f = n;
    let fk = 268_435_456;
    do {
      b = buf[pos++];
      f += (b & 0x7f) * fk;
      fk *= 128;
    } while (b & 0x80);
    at.pos = pos;
    return (f % 2 ? -(f + 1) : f) / 2;
  }
  at.pos = pos;
  return (n >> 1) ^ -(n & 1);
}

// avsc refuses longs beyond these (its "potential precision loss").
export const MAX_LONG = 9_007_199_254_740_990;

/** The Avro types the transcoders read themselves, by avsc's type name. */
export const NULL = 0;
export const BOOLEAN = 1;
export const INT = 2;
export const LONG = 3;
export const FLOAT = 4;
export const DOUBLE = 5;
export const STRING = 6;
/** A decimal on Avro bytes (its scale on the step). */
export const DECIMAL = 8;
/** Any other type (records, arrays, maps, enums, bytes, fixed, logical types, wrapped unions): read by its avsc type. */
export const OTHER = 7;

export const CODES: Record<string, number> = { null: NULL, boolean: BOOLEAN, int: INT, long: LONG, float: FLOAT, double: DOUBLE, string: STRING };

