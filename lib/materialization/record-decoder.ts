import avro from "avsc";
import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
// avsc stopped from reading a poison value's array or map count of 2^40 items until memory runs out.
import "./avro-block-guard";

/** An Avro decimal's bytes (a big-endian two's-complement whole number) as exact decimal text of the scale. */
export function decimalText(value: Buffer, scale: number): string {
  let n = 0n;
  for (const byte of value) n = (n << 8n) | BigInt(byte);
  if (value.length > 0 && value[0] & 0x80) n -= 1n << BigInt(value.length * 8);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** Avro `bytes`/`fixed` with logicalType decimal, read as an exact decimal string (PostgreSQL's numeric takes it as is). */
export class DecimalType extends avro.types.LogicalType {
  readonly scale: number;
  constructor(schema: avro.Schema, opts?: avro.ForSchemaOptions) {
    super(schema, opts);
    this.scale = Number((schema as { scale?: number }).scale ?? 0);
  }
  _fromValue(value: Buffer): string {
    return decimalText(value, this.scale);
  }
  _toValue(value: unknown): Buffer {
    const text = typeof value === "number" ? value.toFixed(this.scale) : String(value);
    const [whole, fraction = ""] = text.replace(/^-/, "").split(".");
    let n = BigInt(`${whole}${fraction.padEnd(this.scale, "0").slice(0, this.scale)}` || "0");
    if (text.startsWith("-")) n = -n;
    const bytes: number[] = [];
    let rest = n;
    do {
      bytes.unshift(Number(rest & 0xffn));
      rest >>= 8n;
    } while (!(rest === 0n && (bytes[0] & 0x80) === 0) && !(rest === -1n && (bytes[0] & 0x80) !== 0));
    return Buffer.from(bytes);
  }
  _resolve(type: avro.Type) {
    if (avro.Type.isType(type, "logical:decimal")) return (value: unknown) => value;
    return undefined;
  }
}

/**
 * How Meshwork's workers read Avro: decimals as exact strings (timestamps and dates stay numbers; the writer maps them).
 * Pass a copy (`{ ...AVRO_READ_OPTIONS }`) to avro.Type.forSchema: avsc keeps its named types in the options object.
 */
export const AVRO_READ_OPTIONS = { logicalTypes: { decimal: DecimalType } } as unknown as avro.ForSchemaOptions;

/** The registry URL Meshwork's own processes use: MESHWORK_REGISTRY_URL, else the registry listener on REGISTRY_PORT. */
export const meshworkRegistryUrl = () => process.env.MESHWORK_REGISTRY_URL ?? `http://127.0.0.1:${process.env.REGISTRY_PORT ?? 8081}`;

/** A registry client of Meshwork's registry, authenticated as the service identity (HTTP Basic, the token as password). */
export function createServiceRegistryClient(options: { host?: string; token: string }): SchemaRegistry {
  return new SchemaRegistry({ host: options.host ?? meshworkRegistryUrl(), auth: { username: "meshwork-service", password: options.token } }, { [SchemaType.AVRO]: AVRO_READ_OPTIONS });
}

export type DecodeFailure = { reason: "undecodable" | "unknown_schema"; error: string };
export type Decoded = { ok: true; value: Record<string, unknown>; schemaId: number } | ({ ok: false } & DecodeFailure);

type Reader = { fromBuffer(buffer: Buffer): unknown };

/**
 * Decodes Confluent-framed values (magic byte 0, 4-byte schema id, payload) with the writer schema the registry
 * holds for the id, fetched once per id. Failures are values, not exceptions, so one bad record never stops a batch;
 * a registry that cannot be reached (as opposed to one that does not know the id) throws, and the batch is retried.
 */
/** Where writer schemas come from: a registry client, or Meshwork's own registry tables (the web app). */
export type SchemaReader = Pick<SchemaRegistry, "getSchema"> | { getSchema(id: number): Promise<unknown> };

export function createRecordDecoder(registry: SchemaReader) {
  const readers = new Map<number, Promise<Reader | DecodeFailure>>();
  // The readers fetched already: a record of a known id is decoded without waiting (no promise per record).
  const ready = new Map<number, Reader | DecodeFailure>();
  const reader = (id: number) => {
    let entry = readers.get(id);
    if (!entry) {
      entry = (registry.getSchema(id) as Promise<unknown>).then(
        (schema) => {
          ready.set(id, schema as Reader);
          return schema as Reader;
        },
        (error: Error & { status?: number }) => {
          readers.delete(id);
          if (error.status === 404 || /40403|not found/i.test(error.message)) return { reason: "unknown_schema" as const, error: `Schema id ${id} is unknown to the registry.` };
          throw error;
        },
      );
      readers.set(id, entry);
    }
    return entry;
  };
  /** `anyValue`: a key may be a bare string or number; a value must be a record. A promise only while the id's schema is fetched. */
  function decode(value: Buffer, anyValue = false): Decoded | Promise<Decoded> {
    if (value.length < 5 || value[0] !== 0) return { ok: false, reason: "undecodable", error: `Not in the schema registry's wire format (magic byte 0 and a schema id): ${value.length < 5 ? `${value.length} bytes` : `first byte ${value[0]}`}.` };
    const id = value.readInt32BE(1);
    const found = ready.get(id);
    return found ? read(found, id, value, anyValue) : reader(id).then((r) => read(r, id, value, anyValue));
  }
  return Object.assign(decode, {
    /** The writer schema of a framed value whose schema is fetched already (-1 otherwise): decode is then synchronous. */
    readyId(value: Buffer): number {
      if (value.length < 5 || value[0] !== 0) return -1;
      const id = value.readInt32BE(1);
      return ready.has(id) ? id : -1;
    },
    /** The avsc type of a fetched writer schema (undefined when the registry did not give one). */
    writerType(id: number): avro.Type | undefined {
      const found = ready.get(id);
      return found && avro.Type.isType(found) ? (found as unknown as avro.Type) : undefined;
    },
  });
}

export type RecordDecoder = ReturnType<typeof createRecordDecoder>;

function read(found: Reader | DecodeFailure, id: number, value: Buffer, anyValue: boolean): Decoded {
  if ("reason" in found) return { ok: false, ...found };
  try {
    const decoded = found.fromBuffer(value.subarray(5));
    if (anyValue) return { ok: true, value: decoded as Record<string, unknown>, schemaId: id };
    if (decoded === null || typeof decoded !== "object" || Array.isArray(decoded)) return { ok: false, reason: "undecodable", error: `Schema id ${id} decodes to ${decoded === null ? "null" : Array.isArray(decoded) ? "an array" : typeof decoded}, not a record.` };
    return { ok: true, value: decoded as Record<string, unknown>, schemaId: id };
  } catch (error) {
    return { ok: false, reason: "undecodable", error: `Does not decode with schema id ${id}: ${(error as Error).message}` };
  }
}
