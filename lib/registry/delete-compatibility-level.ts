import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireSubjectWriter } from "./registry-access";
import { retiredSubjectCompatibility, subjectNotFound } from "./registry-error";
import { findPortForSubject } from "./subject-port";

const PORT_DEFAULT_MODE = "BACKWARD";

/**
 * DELETE /config/{subject}: the subject's own level goes and the global one applies again; answers the level it
 * had. A port's subject has the port's mode as its level, which goes back to the port default (BACKWARD).
 */
export async function deleteCompatibilityLevel(actor: Actor, subject: string) {
  return db.$transaction(async (tx) => {
    const port = await findPortForSubject(subject, tx);
    requireSubjectWriter(actor, subject, port);
    if (port?.dataProduct.status === "retired") throw retiredSubjectCompatibility(subject, port.dataProduct.urn);
    const previous = port ? port.compatibilityMode : (await tx.registryConfig.findUnique({ where: { subject } }))?.compatibility;
    if (!previous) throw subjectNotFound(subject);
    if (port) await tx.port.update({ where: { id: port.id }, data: { compatibilityMode: PORT_DEFAULT_MODE } });
    else await tx.registryConfig.delete({ where: { subject } });
    await recordAuditEvent(tx, actor, {
      action: "registry.config.delete",
      entityType: port ? "port" : "registry_subject",
      entityId: port ? port.id : subject,
      summary: port ? `Compatibility of ${subject} reset to ${PORT_DEFAULT_MODE}` : `Compatibility of ${subject} removed; the global level applies`,
      before: { compatibility: previous },
      after: port ? { compatibility: PORT_DEFAULT_MODE } : undefined,
    });
    return { compatibilityLevel: previous };
  });
}
