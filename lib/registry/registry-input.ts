import { z } from "zod";
import { invalidSchema, invalidSubject } from "./registry-error";

const SchemaRequest = z.object({
  schema: z.string().min(1),
  schemaType: z.enum(["AVRO", "JSON", "PROTOBUF"]).default("AVRO"),
  references: z.array(z.object({ name: z.string(), subject: z.string(), version: z.number().int() })).default([]),
});

export type SchemaRequest = z.infer<typeof SchemaRequest>;

export function parseSchemaRequest(body: unknown): SchemaRequest {
  const parsed = SchemaRequest.safeParse(body);
  if (!parsed.success) throw invalidSchema(parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  if (parsed.data.references.length > 0) throw invalidSchema("schema references are not supported yet");
  return parsed.data;
}

// Confluent refuses subject names with ISO control characters (Java's Character.isISOControl).
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export function requireValidSubject(subject: string): void {
  if (CONTROL_CHARACTER.test(subject)) throw invalidSubject(subject);
}
