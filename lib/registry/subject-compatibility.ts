import type { Tx } from "@/lib/db";
import { checkCompatibility } from "@/lib/contracts/check-compatibility";
import type { JsonSchemaPolicy } from "@/lib/contracts/json-schema-compatibility";
import type { CompatibilityMode, SchemaType } from "@/lib/generated/prisma/enums";

/**
 * Checks a candidate schema against a subject's live versions (oldest first) under a compatibility mode, as
 * registration does; `versions` narrows the comparison to those versions (a compatibility check of one version).
 */
export async function checkAgainstSubject(tx: Tx, subject: string, schemaType: SchemaType, canonical: string, mode: CompatibilityMode, jsonSchemaPolicy: JsonSchemaPolicy, versions?: number[]) {
  if (mode === "NONE") return { compatible: true, messages: [] as string[] };
  const rows = await tx.registrySubjectVersion.findMany({
    where: { subject, deleted: false, ...(versions ? { version: { in: versions } } : {}) },
    orderBy: { version: "asc" },
    include: { schema: true },
  });
  if (rows.length === 0) return { compatible: true, messages: [] as string[] };
  const other = rows.find((r) => r.schema.schemaType !== schemaType);
  if (other) return { compatible: false, messages: [`the subject holds ${other.schema.schemaType} schemas; a ${schemaType} schema cannot follow them`] };
  const previous = rows.map((r) => JSON.parse(r.schema.schema));
  return checkCompatibility({ schemaType: schemaType as "AVRO" | "JSON", newSchema: JSON.parse(canonical), previousSchemas: previous, mode, jsonSchemaPolicy });
}
