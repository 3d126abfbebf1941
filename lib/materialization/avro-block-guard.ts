import avro from "avsc";

/**
 * avsc reads an array's or a map's item count from the value and then reads that many items, without looking at the
 * bytes left: a poison value with a count of 2^40 makes it read until the process runs out of memory (every item past
 * the end reads as zeros). Meshwork's readers replace the two read functions with the same reads that stop such a
 * value with an error (a dead letter's reason): on reading past the end (avsc refuses that value at its end anyway),
 * and at more items than the value could hold (items of no bytes, such as nulls, beyond a million).
 * avsc 5.7's internal `_read` of ArrayType and MapType; importing this module installs it, once.
 */
type Tap = { buf: Buffer; pos: number; readLong(): number; skipLong(): void; readString(): string };
type Reader = { _read(tap: Tap): unknown };

const MAX_EMPTY_ITEMS = 1_000_000;

function blockSize(tap: Tap): number {
  let n = tap.readLong();
  if (n < 0) {
    n = -n;
    tap.skipLong();
  }
  return n;
}

function checkItems(tap: Tap, count: number, kind: string) {
  if (tap.pos > tap.buf.length) throw new Error("truncated buffer");
  if (count > tap.buf.length + MAX_EMPTY_ITEMS) throw new Error(`${kind} of ${count} items in a value of ${tap.buf.length} bytes`);
}

const types = avro.types as unknown as { ArrayType: { prototype: Reader & { itemsType: Reader } }; MapType: { prototype: Reader & { valuesType: Reader } } };
const marker = Symbol.for("meshwork.avro-block-guard");
const installed = types.ArrayType.prototype as unknown as Record<symbol, boolean>;

if (!installed[marker]) {
  installed[marker] = true;
  types.ArrayType.prototype._read = function (this: { itemsType: Reader }, tap: Tap) {
    const items = this.itemsType;
    const val: unknown[] = [];
    let n: number;
    while ((n = blockSize(tap))) {
      checkItems(tap, val.length + n, "an array");
      while (n--) {
        val.push(items._read(tap));
        if (tap.pos > tap.buf.length) throw new Error("truncated buffer");
      }
    }
    return val;
  };
  types.MapType.prototype._read = function (this: { valuesType: Reader }, tap: Tap) {
    const values = this.valuesType;
    const val: Record<string, unknown> = {};
    let count = 0;
    let n: number;
    while ((n = blockSize(tap))) {
      count += n;
      checkItems(tap, count, "a map");
      while (n--) {
        const key = tap.readString();
        val[key] = values._read(tap);
        if (tap.pos > tap.buf.length) throw new Error("truncated buffer");
      }
    }
    return val;
  };
}
