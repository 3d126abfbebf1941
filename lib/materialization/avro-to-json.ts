import type avro from "avsc";
import { BOOLEAN, CODES, DOUBLE, FLOAT, INT, LONG, MAX_LONG, NULL, STRING, at, readLong } from "./avro-cursor";
import type { CopyWriter } from "./copy-binary";

/**
 * A nested Avro record (a jsonb column's value) written as JSON straight from its bytes: the text JSON.stringify writes
 * for the record avsc decodes, without the record. For records whose fields are primitives, unions of them and such
 * records; any other (arrays, maps, enums, bytes, logical types) is decoded by avsc.
 */
export type JsonType = { code: number; type: avro.Type; fields?: { key: Buffer; type: JsonType }[]; branches?: JsonType[] };

const RECORD = 100;
const UNION = 101;

/**
 * How to read a type as JSON, or null when avsc must decode it. A recursive record (one within itself, as a linked
 * list's) is avsc's too: `open` holds the records whose fields are being looked at.
 */
export function jsonType(type: avro.Type, open = new Set<avro.Type>()): JsonType | null {
  const code = CODES[type.typeName];
  if (code !== undefined) return { code, type };
  if (type.typeName === "record") {
    if (open.has(type)) return null;
    open.add(type);
    const fields = (type as avro.types.RecordType).fields.map((f, i) => ({ key: Buffer.from(`${i ? "," : "{"}${JSON.stringify(f.name)}:`), type: jsonType(f.type, open) }));
    open.delete(type);
    return fields.every((f) => f.type) ? { code: RECORD, type, fields: fields as { key: Buffer; type: JsonType }[] } : null;
  }
  if (type.typeName === "union:unwrapped") {
    const branches = (type as avro.types.UnwrappedUnionType).types.map((t) => jsonType(t, open));
    return branches.every(Boolean) ? { code: UNION, type, branches: branches as JsonType[] } : null;
  }
  return null;
}

/** Whether a union's value (or any value) at the cursor is null, with the cursor past the branch index: its JSON type. */
export function branchAt(t: JsonType): JsonType | null {
  if (t.code !== UNION) return t;
  const index = readLong();
  return t.branches![index] ?? null;
}

/**
 * Reads the value at the cursor, writing its JSON when a writer is given (the bytes were read once without one, so are
 * known to be whole). False when avsc would refuse it: a bad union index, a negative length, a long beyond its precision.
 */
export function readJson(t: JsonType, w: CopyWriter | null): boolean {
  const { buf } = at;
  switch (t.code) {
    case NULL:
      if (w) ascii(w, "null");
      return true;
    case BOOLEAN:
      if (w) ascii(w, buf[at.pos] ? "true" : "false");
      at.pos++;
      return true;
    case INT: {
      const n = readLong();
      if (w) ascii(w, String(n));
      return true;
    }
    case LONG: {
      const n = readLong();
      if (!(n >= -MAX_LONG && n <= MAX_LONG)) return false;
      if (w) ascii(w, String(n));
      return true;
    }
    case FLOAT:
    case DOUBLE: {
      const size = t.code === FLOAT ? 4 : 8;
      if (at.pos + size > buf.length) return false;
      const v = size === 4 ? buf.readFloatLE(at.pos) : buf.readDoubleLE(at.pos);
      at.pos += size;
      if (w) ascii(w, Number.isFinite(v) ? String(v) : "null");
      return true;
    }
    case STRING: {
      const length = readLong();
      if (length < 0 || at.pos + length > buf.length) return false;
      if (w) jsonString(w, buf, at.pos, at.pos + length);
      at.pos += length;
      return true;
    }
    case RECORD: {
      const fields = t.fields!;
      for (let i = 0; i < fields.length; i++) {
        if (w) bytes(w, fields[i].key);
        if (!readJson(fields[i].type, w)) return false;
      }
      if (w) ascii(w, fields.length ? "}" : "{}");
      return true;
    }
    case UNION: {
      const branch = branchAt(t);
      return branch !== null && readJson(branch, w);
    }
  }
  return false;
}

function ascii(w: CopyWriter, text: string) {
  w.ensure(text.length);
  const { buf } = w;
  for (let i = 0; i < text.length; i++) buf[w.pos + i] = text.charCodeAt(i);
  w.pos += text.length;
}

function bytes(w: CopyWriter, b: Buffer) {
  w.ensure(b.length);
  b.copy(w.buf, w.pos);
  w.pos += b.length;
}

/** A string as JSON.stringify writes it: printable ASCII as it is, anything else through JSON.stringify itself. */
function jsonString(w: CopyWriter, buf: Buffer, start: number, end: number) {
  for (let p = start; p < end; p++) {
    const b = buf[p];
    if (b < 0x20 || b > 0x7e || b === 0x22 || b === 0x5c) {
      const text = JSON.stringify(buf.toString("utf8", start, end));
      w.ensure(text.length * 3);
      w.pos += w.buf.write(text, w.pos, "utf8");
      return;
    }
  }
  w.ensure(end - start + 2);
  w.buf[w.pos++] = 0x22;
  buf.copy(w.buf, w.pos, start, end);
  w.pos += end - start;
  w.buf[w.pos++] = 0x22;
}
