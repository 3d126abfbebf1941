import { db } from "@/lib/db";
import { effectiveCompatibility } from "./compatibility-level";
import { parseSchemaRequest } from "./registry-input";
import { canonicalSchema } from "./schema-fingerprint";
import { checkAgainstSubject } from "./subject-compatibility";
import { parseVersion } from "./read-registry";
import { subjectNotFound, versionNotFound } from "./registry-error";
import { validateSchema } from "./validate-schema";

/** POST /compatibility/subjects/{subject}/versions/{version}: would this schema be accepted? Saves nothing. */
export async function testCompatibility(subject: string, versionParam: string, body: unknown, verbose: boolean) {
  const request = parseSchemaRequest(body);
  const canonical = canonicalSchema(request.schemaType, request.schema);
  validateSchema(request.schemaType, canonical);
  const version = parseVersion(versionParam);
  return db.$transaction(async (tx) => {
    const versions = await tx.registrySubjectVersion.findMany({ where: { subject, deleted: false }, select: { version: true }, orderBy: { version: "asc" } });
    if (versions.length === 0) throw subjectNotFound(subject);
    const upTo = version === "latest" ? versions.at(-1)!.version : version;
    if (!versions.some((v) => v.version === upTo)) throw versionNotFound(versionParam);
    const mode = await effectiveCompatibility(subject, tx);
    // Non-transitive modes compare with the named version (the last one passed), transitive ones with all up to it.
    const verdict = await checkAgainstSubject(tx, subject, request.schemaType, canonical, mode, upTo);
    return { is_compatible: verdict.compatible, ...(verbose ? { messages: verdict.messages } : {}) };
  });
}
