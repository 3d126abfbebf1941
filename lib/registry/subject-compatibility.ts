import type { Tx } from "@/lib/db";
import { checkCompatibility } from "@/lib/contracts/check-compatibility";
import type { CompatibilityMode, SchemaType } from "@/lib/generated/prisma/enums";

/** Checks a candidate schema against a subject's live versions (oldest first) under a compatibility mode. */
export async function checkAgainstSubject(tx: Tx, subject: string, schemaType: SchemaType, canonical: string, mode: CompatibilityMode, upToVersion?: number) {
  const rows = await tx.registrySubjectVersion.findMany({
    where: { subject, deleted: false, ...(upToVersion ? { version: { lte: upToVersion } } : {}) },
    orderBy: { version: "asc" },
    include: { schema: true },
  });
  const previous = rows.filter((r) => r.schema.schemaType === schemaType).map((r) => JSON.parse(r.schema.schema));
  if (rows.some((r) => r.schema.schemaType !== schemaType)) {
    return { compatible: false, messages: [`the subject holds ${rows[0].schema.schemaType} schemas; a ${schemaType} schema cannot follow them`] };
  }
  if (previous.length === 0 || mode === "NONE") return { compatible: true, messages: [] as string[] };
  return checkCompatibility({ schemaType: schemaType as "AVRO" | "JSON", newSchema: JSON.parse(canonical), previousSchemas: previous, mode });
}
