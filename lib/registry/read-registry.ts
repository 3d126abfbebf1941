import { db } from "@/lib/db";
import { invalidVersion, schemaNotFound, subjectNotFound, versionNotFound } from "./registry-error";

// The registry's read side. Schemas are immutable by id, so lookups by id are cached in the process.
const schemaCache = new Map<number, { schema: string; schemaType: string; references: unknown[] }>();

type SchemaBody = { schema: string; schemaType?: string; references?: unknown[] };

/** Confluent omits schemaType for AVRO (the default) and references when there are none. */
export function schemaBody(row: { schema: string; schemaType: string; references: unknown }): SchemaBody {
  const refs = Array.isArray(row.references) ? row.references : [];
  return { schema: row.schema, ...(row.schemaType !== "AVRO" ? { schemaType: row.schemaType } : {}), ...(refs.length ? { references: refs } : {}) };
}

export async function getSchemaById(id: number): Promise<SchemaBody> {
  let row = schemaCache.get(id);
  if (!row) {
    if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1) throw schemaNotFound();
    const found = await db.registrySchema.findUnique({ where: { id } });
    if (!found) throw schemaNotFound();
    row = { schema: found.schema, schemaType: found.schemaType, references: found.references as unknown[] };
    if (schemaCache.size > 10_000) schemaCache.clear();
    schemaCache.set(id, row);
  }
  return schemaBody(row);
}

export async function listSchemaVersions(id: number, includeDeleted = false) {
  await getSchemaById(id);
  const rows = await db.registrySubjectVersion.findMany({ where: { schemaId: id, ...(includeDeleted ? {} : { deleted: false }) }, orderBy: [{ subject: "asc" }, { version: "asc" }] });
  return rows.map((r) => ({ subject: r.subject, version: r.version }));
}

/** `deleted`: false lists live entries (the default), true adds soft-deleted ones (?deleted=true), "only" lists just those (?deletedOnly=true). */
export type DeletedFilter = boolean | "only";

/** Like Confluent, a subject counts as deleted when all its versions are. */
export async function listSubjects(deleted: DeletedFilter = false): Promise<string[]> {
  if (deleted === "only") {
    const subjectsWhere = (deleted: boolean) => db.registrySubjectVersion.findMany({ where: { deleted }, distinct: ["subject"], select: { subject: true }, orderBy: { subject: "asc" } });
    const [withDeleted, live] = await Promise.all([subjectsWhere(true), subjectsWhere(false)]);
    const liveSubjects = new Set(live.map((r) => r.subject));
    return withDeleted.map((r) => r.subject).filter((subject) => !liveSubjects.has(subject));
  }
  const rows = await db.registrySubjectVersion.findMany({ where: deleted ? {} : { deleted: false }, distinct: ["subject"], select: { subject: true }, orderBy: { subject: "asc" } });
  return rows.map((r) => r.subject);
}

export async function listSubjectVersions(subject: string, deleted: DeletedFilter = false): Promise<number[]> {
  const rows = await db.registrySubjectVersion.findMany({ where: { subject, ...(deleted === "only" ? { deleted: true } : deleted ? {} : { deleted: false }) }, orderBy: { version: "asc" }, select: { version: true } });
  if (rows.length === 0) throw subjectNotFound(subject);
  return rows.map((r) => r.version);
}

/** "latest" and -1 mean the newest live version; otherwise a positive 32-bit integer. */
export function parseVersion(version: string): number | "latest" {
  if (version === "latest" || version === "-1") return "latest";
  const n = Number(version);
  if (!/^\d+$/.test(version) || !Number.isInteger(n) || n < 1 || n > 2 ** 31 - 1) throw invalidVersion(version);
  return n;
}

export async function getSubjectVersion(subject: string, versionParam: string, includeDeleted = false) {
  const version = parseVersion(versionParam);
  const exists = await db.registrySubjectVersion.findFirst({ where: { subject, ...(includeDeleted ? {} : { deleted: false }) }, select: { id: true } });
  if (!exists) throw subjectNotFound(subject);
  const row = await db.registrySubjectVersion.findFirst({
    where: { subject, ...(version === "latest" ? {} : { version }), ...(includeDeleted ? {} : { deleted: false }) },
    orderBy: { version: "desc" },
    include: { schema: true },
  });
  if (!row) throw versionNotFound(versionParam);
  return { subject: row.subject, id: row.schemaId, version: row.version, ...schemaBody(row.schema) };
}
