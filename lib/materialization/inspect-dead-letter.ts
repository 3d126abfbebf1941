import avro from "avsc";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { getSchemaById } from "@/lib/registry/read-registry";
import { findMaterializedPortOrThrow, requireMaterializationOperator } from "./find-materialized-port";
import { AVRO_READ_OPTIONS, createRecordDecoder } from "./record-decoder";
import type { DeadLetterView } from "./list-dead-letters";
import { jsonSafe } from "@/lib/json-safe";
import { parseDeadLetterId } from "./dead-letter-id";

export type DeadLetterInspection = DeadLetterView & {
  topic: string;
  headers: Record<string, string> | null;
  sizeBytes: number | null;
  /** The first bytes, hex, where the wire format (magic byte, schema id) shows. */
  headHex: string | null;
  /** The schema id the bytes name (Confluent framing), if they carry one. */
  schemaId: number | null;
  /** Decoding it again now with the schema the registry holds for that id: the value, or why it does not decode. */
  decoded: { ok: true; value: unknown } | { ok: false; error: string } | null;
};

// Meshwork's own registry tables answer the schema: the web app needs no HTTP round trip to the registry listener.
export const registryReader = {
  async getSchema(id: number) {
    try {
      const body = await getSchemaById(id);
      if (body.schemaType && body.schemaType !== "AVRO") throw Object.assign(new Error(`Schema id ${id} is ${body.schemaType}, not Avro.`), { status: 422 });
      return avro.Type.forSchema(JSON.parse(body.schema), { ...AVRO_READ_OPTIONS });
    } catch (error) {
      if ((error as { errorCode?: number }).errorCode === 40403) throw Object.assign(new Error("40403 schema not found"), { status: 404 });
      throw error;
    }
  },
};
const decode = createRecordDecoder(registryReader as unknown as Parameters<typeof createRecordDecoder>[0]);

/** One dead letter of a table port with its raw bytes and a fresh decode attempt; its owners' (and admins'). */
export async function inspectDeadLetter(actor: Actor, portRef: string, id: string): Promise<DeadLetterInspection> {
  const port = await findMaterializedPortOrThrow(actor, portRef);
  requireMaterializationOperator(actor, port, "inspect the dead letters of");
  const numeric = parseDeadLetterId(id);
  const row = numeric !== null ? await db.deadLetter.findFirst({ where: { id: numeric, portId: port.id } }) : null;
  if (!row) throw notFound(`Dead letter ${id.slice(0, 40)} of ${port.urn}`);
  const bytes = row.valueBase64 === null ? null : Buffer.from(row.valueBase64, "base64");
  const framed = bytes !== null && bytes.length >= 5 && bytes[0] === 0;
  let decoded: DeadLetterInspection["decoded"] = null;
  if (bytes !== null) {
    const attempt = await Promise.resolve(decode(bytes)).catch((error: Error) => ({ ok: false as const, error: `The registry could not be read: ${error.message}` }));
    decoded = attempt.ok ? { ok: true, value: jsonSafe(attempt.value) } : { ok: false, error: attempt.error };
  }
  return {
    id: String(row.id),
    topic: row.topic,
    partition: row.partition,
    offset: String(row.offset),
    key: row.key,
    valueBase64: row.valueBase64,
    headers: (row.headers as Record<string, string> | null) ?? null,
    recordTimestamp: row.recordTimestamp?.toISOString() ?? null,
    reason: row.reason,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    replayedAt: row.replayedAt?.toISOString() ?? null,
    replayError: row.replayError,
    sizeBytes: bytes?.length ?? null,
    headHex: bytes ? bytes.subarray(0, 16).toString("hex").replace(/(..)/g, "$1 ").trim() : null,
    schemaId: framed ? bytes.readInt32BE(1) : null,
    decoded,
  };
}
