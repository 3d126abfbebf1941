import { db } from "@/lib/db";
import { effectiveCompatibility, jsonSchemaPolicyFor } from "./compatibility-level";
import { parseSchemaRequest } from "./registry-input";
import { canonicalSchema } from "./schema-fingerprint";
import { checkAgainstSubject } from "./subject-compatibility";
import { parseVersion } from "./read-registry";
import { versionNotFound } from "./registry-error";
import { findPortForSubject } from "./subject-port";
import { validateSchema } from "./validate-schema";

/**
 * POST /compatibility/subjects/{subject}/versions/{version}: would this schema be accepted after that version?
 * Like Confluent, a named version (or latest) is the only one compared, whatever the mode; without a version
 * (POST .../versions) the schema is compared with every version the mode names, as a registration would.
 * A subject with no versions accepts anything, and so does one the caller may not see (`asUnknown`). Saves nothing.
 */
export async function testCompatibility(subject: string, versionParam: string | null, body: unknown, verbose: boolean, { asUnknown = false } = {}) {
  const request = parseSchemaRequest(body);
  const canonical = canonicalSchema(request.schemaType, request.schema);
  validateSchema(request.schemaType, canonical);
  const version = versionParam === null ? null : parseVersion(versionParam);
  return db.$transaction(async (tx) => {
    if (asUnknown) {
      if (version !== null && version !== "latest") throw versionNotFound(versionParam!);
      return { is_compatible: true, ...(verbose ? { messages: [] } : {}) };
    }
    const live = (await tx.registrySubjectVersion.findMany({ where: { subject, deleted: false }, select: { version: true }, orderBy: { version: "asc" } })).map((v) => v.version);
    let against: number[] | undefined;
    if (version === "latest") against = live.slice(-1);
    else if (version !== null) {
      if (!live.includes(version)) throw versionNotFound(versionParam!);
      against = [version];
    }
    const mode = await effectiveCompatibility(subject, tx);
    const policy = jsonSchemaPolicyFor(await findPortForSubject(subject, tx));
    const verdict = await checkAgainstSubject(tx, subject, request.schemaType, canonical, mode, policy, against);
    // Verbose answers also name the JSON Schema policy the subject is checked under (Meshwork's addition).
    return { is_compatible: verdict.compatible, ...(verbose ? { messages: verdict.messages, ...(request.schemaType === "JSON" ? { json_schema_policy: policy } : {}) } : {}) };
  });
}
