import { createHash } from "node:crypto";
import type { SchemaType } from "@/lib/generated/prisma/enums";
import { invalidSchema } from "./registry-error";

/** Parses a schema string and returns its canonical text: the same schema, however it is spaced, gets one id. */
export function canonicalSchema(schemaType: SchemaType, schema: string): string {
  if (schemaType === "PROTOBUF") throw invalidSchema("PROTOBUF schemas are not supported by Meshwork's registry yet; use AVRO or JSON");
  try {
    return JSON.stringify(JSON.parse(schema));
  } catch (error) {
    throw invalidSchema(`not valid JSON (${(error as Error).message})`);
  }
}

export function schemaFingerprint(schemaType: SchemaType, canonical: string, references: unknown[] = []): string {
  return createHash("sha256").update(`${schemaType}\n${canonical}\n${JSON.stringify(references)}`).digest("hex");
}
