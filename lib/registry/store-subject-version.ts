import type { Tx } from "@/lib/db";
import type { SchemaType } from "@/lib/generated/prisma/enums";
import { schemaFingerprint } from "./schema-fingerprint";

/**
 * Records a (canonical) schema under a subject: the schema keeps its global id if it is known anywhere,
 * and a subject that already holds it (not deleted) keeps its version. Authorization and compatibility
 * are the caller's job.
 */
export async function storeSubjectVersion(tx: Tx, subject: string, schemaType: SchemaType, canonical: string, references: unknown[] = []) {
  const fingerprint = schemaFingerprint(schemaType, canonical, references);
  // Upsert on the fingerprint keeps ids stable even when two registrations race.
  const schema = await tx.registrySchema.upsert({
    where: { fingerprint },
    update: {},
    create: { schemaType, schema: canonical, fingerprint, references: references as never },
  });
  const existing = await tx.registrySubjectVersion.findFirst({ where: { subject, schemaId: schema.id, deleted: false } });
  if (existing) return { id: schema.id, version: existing.version, created: false };
  const last = await tx.registrySubjectVersion.findFirst({ where: { subject }, orderBy: { version: "desc" } });
  const version = (last?.version ?? 0) + 1;
  await tx.registrySubjectVersion.create({ data: { subject, version, schemaId: schema.id } });
  return { id: schema.id, version, created: true };
}
