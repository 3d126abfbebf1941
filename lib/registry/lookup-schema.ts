import { db } from "@/lib/db";
import { schemaNotFound, subjectNotFound } from "./registry-error";
import { parseSchemaRequest } from "./registry-input";
import { canonicalSchema, schemaFingerprint } from "./schema-fingerprint";
import { schemaBody } from "./read-registry";

/** POST /subjects/{subject}: is this schema registered under the subject, and as which version? */
export async function lookupSchema(subject: string, body: unknown, includeDeleted = false) {
  const request = parseSchemaRequest(body);
  const fingerprint = schemaFingerprint(request.schemaType, canonicalSchema(request.schemaType, request.schema), request.references);
  const row = await db.registrySubjectVersion.findFirst({
    where: { subject, schema: { fingerprint }, ...(includeDeleted ? {} : { deleted: false }) },
    orderBy: { version: "desc" },
    include: { schema: true },
  });
  if (!row) {
    const subjectExists = await db.registrySubjectVersion.findFirst({ where: { subject, ...(includeDeleted ? {} : { deleted: false }) }, select: { id: true } });
    throw subjectExists ? schemaNotFound() : subjectNotFound(subject);
  }
  return { subject, id: row.schemaId, version: row.version, ...schemaBody(row.schema) };
}
