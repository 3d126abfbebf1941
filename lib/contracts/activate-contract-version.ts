import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { storeSubjectVersion } from "@/lib/registry/store-subject-version";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

type VersionRow = { id: string; portId: string; version: string; schemaType: "AVRO" | "JSON" | "PROTOBUF"; valueSchema: string; keySchema: string | null; changes: unknown };
type PortRow = { id: string; type: string; location: string | null; dataProduct: { urn: string } };

/**
 * Makes a version the port's active contract: the previous one becomes deprecated, a topic's value schema is
 * registered under `<topic>-value`, and an activation event (with the diff) is recorded for the subscribers.
 */
export async function activateContractVersion(tx: Tx, actor: Actor, version: VersionRow, port: PortRow) {
  const previous = await tx.contractVersion.findMany({ where: { portId: port.id, status: "active", id: { not: version.id } }, select: { id: true, version: true } });
  await tx.contractVersion.updateMany({ where: { id: { in: previous.map((p) => p.id) } }, data: { status: "deprecated" } });
  await tx.contractVersion.update({ where: { id: version.id }, data: { status: "active", activatedAt: new Date() } });
  const topic = port.type === "kafka_topic" ? port.location : null;
  const registered = topic ? await storeSubjectVersion(tx, `${topic}-value`, version.schemaType, version.valueSchema) : null;
  if (topic && version.keySchema) await storeSubjectVersion(tx, `${topic}-key`, version.schemaType, version.keySchema);
  const diff = { version: version.version, previousVersion: previous.at(-1)?.version ?? null, changes: version.changes ?? [] };
  await tx.contractEvent.create({ data: { portId: port.id, contractVersionId: version.id, type: "contract.activated", diff: diff as never } });
  // The notifications worker tells the subscribing teams once this commits.
  await enqueueJob(tx, "deliver-contract-events", {}, { jobKey: "deliver-contract-events" });
  await recordAuditEvent(tx, actor, {
    action: "contract.activate",
    entityType: "contract_version",
    entityId: version.id,
    summary: `Contract ${version.version} is active on ${port.dataProduct.urn}:${port.location ?? ""}${registered ? ` (schema id ${registered.id})` : ""}`,
    before: { activeVersion: previous.at(-1)?.version ?? null },
    after: diff,
  });
  return registered;
}
