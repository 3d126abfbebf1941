import type { Tx } from "@/lib/db";
import type { SchemaType } from "@/lib/generated/prisma/enums";
import { schemaFingerprint } from "./schema-fingerprint";

/** Serializes writers of one subject until the transaction ends, so version numbers and lookups cannot race. */
export async function lockSubject(tx: Tx, subject: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`registry:${subject}`}))`;
}

/**
 * Records a (canonical) schema under a subject: the schema keeps its global id if it is known anywhere,
 * and a subject that already holds it (not deleted) keeps its version. Authorization and compatibility
 * are the caller's job.
 */
export async function storeSubjectVersion(tx: Tx, subject: string, schemaType: SchemaType, canonical: string, references: unknown[] = []) {
  await lockSubject(tx, subject);
  const fingerprint = schemaFingerprint(schemaType, canonical, references);
  // ON CONFLICT waits for a concurrent insert of the same schema (another subject) instead of failing the transaction.
  await tx.$executeRaw`INSERT INTO registry_schema (schema_type, schema, fingerprint, "references") VALUES (${schemaType}::"SchemaType", ${canonical}, ${fingerprint}, ${JSON.stringify(references)}::jsonb) ON CONFLICT (fingerprint) DO NOTHING`;
  const schema = await tx.registrySchema.findUniqueOrThrow({ where: { fingerprint }, select: { id: true } });
  const existing = await tx.registrySubjectVersion.findFirst({ where: { subject, schemaId: schema.id, deleted: false } });
  if (existing) return { id: schema.id, version: existing.version, created: false };
  const last = await tx.registrySubjectVersion.findFirst({ where: { subject }, orderBy: { version: "desc" } });
  const version = (last?.version ?? 0) + 1;
  await tx.registrySubjectVersion.create({ data: { subject, version, schemaId: schema.id } });
  return { id: schema.id, version, created: true };
}
