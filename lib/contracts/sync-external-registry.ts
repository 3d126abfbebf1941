import { SchemaRegistry, SchemaType } from "@kafkajs/confluent-schema-registry";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

/**
 * Where a team runs its own Confluent Schema Registry (SCHEMA_REGISTRY_URL), an activated contract's schema
 * is registered there too, after our transaction commits. A failure is stored on the version and shown.
 */
export async function syncExternalRegistry(versionId: string): Promise<string | null> {
  if (!env.SCHEMA_REGISTRY_URL) return null;
  const version = await db.contractVersion.findUniqueOrThrow({ where: { id: versionId }, include: { port: true } });
  if (version.port.type !== "kafka_topic" || !version.port.location) return null;
  try {
    const registry = new SchemaRegistry({ host: env.SCHEMA_REGISTRY_URL });
    await registry.register(
      { type: version.schemaType === "JSON" ? SchemaType.JSON : SchemaType.AVRO, schema: version.valueSchema },
      { subject: `${version.port.location}-value` },
    );
    await db.contractVersion.update({ where: { id: versionId }, data: { externalSyncError: null } });
    return null;
  } catch (error) {
    const message = `External schema registry ${env.SCHEMA_REGISTRY_URL} refused or failed: ${(error as Error).message}`;
    await db.contractVersion.update({ where: { id: versionId }, data: { externalSyncError: message } });
    return message;
  }
}
