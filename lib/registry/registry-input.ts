import { z } from "zod";
import { invalidSchema } from "./registry-error";

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
