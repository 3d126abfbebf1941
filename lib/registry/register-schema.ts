import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { checkSchemaAgainstContract } from "@/lib/contracts/check-schema-against-contract";
import { effectiveCompatibility, jsonSchemaPolicyFor } from "./compatibility-level";
import { requireSubjectWriter } from "./registry-access";
import { forbiddenRegistry, incompatible, invalidSchema } from "./registry-error";
import { parseSchemaRequest, requireValidSubject } from "./registry-input";
import { canonicalSchema, schemaFingerprint } from "./schema-fingerprint";
import { lockSubject, storeSubjectVersion } from "./store-subject-version";
import { checkAgainstSubject } from "./subject-compatibility";
import { findPortForSubject } from "./subject-port";
import { validateSchema } from "./validate-schema";

// Registrations of one subject queue on its lock; serializers often start many at once.
const REGISTRATION_TX = { maxWait: 10_000, timeout: 20_000 };

/** A registration that lost a race on a unique key is re-run (twice at most): it then finds the winner's row. */
async function retryOnUniqueViolation<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * POST /subjects/{subject}/versions. A subject that belongs to a port is held to the port's active contract
 * and compatibility mode, like any contract publish.
 */
export async function registerSchema(actor: Actor, subject: string, body: unknown): Promise<{ id: number }> {
  requireValidSubject(subject);
  const request = parseSchemaRequest(body);
  const canonical = canonicalSchema(request.schemaType, request.schema);
  validateSchema(request.schemaType, canonical);
  return retryOnUniqueViolation(() => db.$transaction(async (tx) => {
    await lockSubject(tx, subject);
    const port = await findPortForSubject(subject, tx);
    requireSubjectWriter(actor, subject, port);
    // Like Confluent, a schema the subject already holds gets its id back before any check: producers re-register on start.
    const known = await tx.registrySubjectVersion.findFirst({ where: { subject, deleted: false, schema: { fingerprint: schemaFingerprint(request.schemaType, canonical, request.references) } } });
    if (known) return { id: known.schemaId };
    if (port?.dataProduct.status === "retired") throw forbiddenRegistry(`Subject '${subject}' belongs to ${port.dataProduct.urn}, which is retired; its schemas cannot change.`);
    if (port && port.part === "value") {
      const active = await tx.contractVersion.findFirst({ where: { portId: port.id, status: "active" }, orderBy: { activatedAt: "desc" } });
      if (active) {
        // The topic's schema object is the one whose physicalName is the topic, as when the contract was published.
        const schemaName = (active.document as { schema?: { name?: string; physicalName?: string }[] }).schema?.find((s) => s.physicalName === port.location)?.name;
        const problems = checkSchemaAgainstContract(active.document as never, request.schemaType as "AVRO" | "JSON", JSON.parse(canonical), schemaName);
        if (problems.length > 0) throw invalidSchema(`does not match the active contract ${active.version} of ${port.dataProduct.urn}: ${problems.join("; ")}`);
      }
    }
    const mode = await effectiveCompatibility(subject, tx);
    const verdict = await checkAgainstSubject(tx, subject, request.schemaType, canonical, mode, jsonSchemaPolicyFor(port));
    if (!verdict.compatible) throw incompatible(subject, verdict.messages);
    const stored = await storeSubjectVersion(tx, subject, request.schemaType, canonical, request.references);
    if (stored.created) {
      await recordAuditEvent(tx, actor, { action: "registry.register", entityType: "registry_subject", entityId: subject, summary: `Registered schema id ${stored.id} as version ${stored.version} of ${subject}`, after: { id: stored.id, version: stored.version, schemaType: request.schemaType } });
    }
    return { id: stored.id };
  }, REGISTRATION_TX));
}
