import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { requireSubjectWriter } from "./registry-access";
import { parseVersion } from "./read-registry";
import { subjectNotFound, subjectNotSoftDeleted, subjectSoftDeleted, versionNotFound, versionNotSoftDeleted, versionSoftDeleted } from "./registry-error";
import { findPortForSubject } from "./subject-port";

/** DELETE /subjects/{subject}: soft delete (hidden, ids kept), or with permanent=true after a soft delete. */
export async function deleteSubject(actor: Actor, subject: string, permanent: boolean): Promise<number[]> {
  return db.$transaction(async (tx) => {
    requireSubjectWriter(actor, subject, await findPortForSubject(subject, tx));
    const rows = await tx.registrySubjectVersion.findMany({ where: { subject }, orderBy: { version: "asc" } });
    if (rows.length === 0) throw subjectNotFound(subject);
    if (permanent) {
      if (rows.some((r) => !r.deleted)) throw subjectNotSoftDeleted(subject);
      await tx.registrySubjectVersion.deleteMany({ where: { subject } });
    } else {
      if (rows.every((r) => r.deleted)) throw subjectSoftDeleted(subject);
      await tx.registrySubjectVersion.updateMany({ where: { subject }, data: { deleted: true } });
    }
    await recordAuditEvent(tx, actor, { action: permanent ? "registry.delete.permanent" : "registry.delete", entityType: "registry_subject", entityId: subject, summary: `${permanent ? "Permanently deleted" : "Deleted"} subject ${subject}`, before: { versions: rows.map((r) => r.version) } });
    return (permanent ? rows : rows.filter((r) => !r.deleted)).map((r) => r.version);
  });
}

/** DELETE /subjects/{subject}/versions/{version}. */
export async function deleteSubjectVersion(actor: Actor, subject: string, versionParam: string, permanent: boolean): Promise<number> {
  const version = parseVersion(versionParam);
  return db.$transaction(async (tx) => {
    requireSubjectWriter(actor, subject, await findPortForSubject(subject, tx));
    const all = await tx.registrySubjectVersion.findMany({ where: { subject }, orderBy: { version: "desc" } });
    if (all.length === 0) throw subjectNotFound(subject);
    const row = version === "latest" ? all.find((r) => !r.deleted) : all.find((r) => r.version === version);
    if (!row) throw versionNotFound(versionParam);
    if (!permanent && row.deleted) throw versionSoftDeleted(subject, row.version);
    if (permanent && !row.deleted) throw versionNotSoftDeleted(subject, row.version);
    if (permanent) await tx.registrySubjectVersion.delete({ where: { id: row.id } });
    else await tx.registrySubjectVersion.update({ where: { id: row.id }, data: { deleted: true } });
    await recordAuditEvent(tx, actor, { action: permanent ? "registry.delete.permanent" : "registry.delete", entityType: "registry_subject", entityId: subject, summary: `${permanent ? "Permanently deleted" : "Deleted"} version ${row.version} of ${subject}`, before: { version: row.version, schemaId: row.schemaId } });
    return row.version;
  });
}
