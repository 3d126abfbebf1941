import { db } from "@/lib/db";
import { getSchemaById } from "./read-registry";

/** GET /schemas/ids/{id}/subjects: the subjects that hold the schema id (with ?deleted=true, soft-deleted ones too). */
export async function listSchemaSubjects(id: number, includeDeleted = false): Promise<string[]> {
  await getSchemaById(id);
  const rows = await db.registrySubjectVersion.findMany({ where: { schemaId: id, ...(includeDeleted ? {} : { deleted: false }) }, distinct: ["subject"], select: { subject: true }, orderBy: { subject: "asc" } });
  return rows.map((r) => r.subject);
}
