import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canEditProduct } from "@/lib/auth/permissions";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";
import { CONTRACT_JSON_SCHEMA_POLICY } from "./json-schema-compatibility";

/** A port's contract versions, newest first, with what the caller may do with them. */
export async function listContractVersions(actor: Actor, portRef: string) {
  const port = await findOutputPortOrThrow(actor, portRef);
  const versions = await db.contractVersion.findMany({
    where: { portId: port.id },
    orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }],
    select: { id: true, version: true, status: true, schemaType: true, customSchema: true, createdAt: true, activatedAt: true, decisionNote: true, externalSyncError: true, changes: true, createdById: true },
  });
  // Who published each version, by name (the column keeps the id without a relation; a deleted user shows as nobody).
  const publisherIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => id !== null))];
  const publishers = new Map((await db.user.findMany({ where: { id: { in: publisherIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    port: { id: port.id, name: port.name, type: port.type, location: port.location, compatibilityMode: port.compatibilityMode, jsonSchemaPolicy: CONTRACT_JSON_SCHEMA_POLICY, product: port.dataProduct },
    canPublish: canEditProduct(actor, port.dataProduct) && port.dataProduct.status !== "retired",
    versions: versions.map(({ createdById, ...v }) => ({ ...v, publishedBy: (createdById && publishers.get(createdById)) || null })),
  };
}
