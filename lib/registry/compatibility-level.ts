import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { CONTRACT_JSON_SCHEMA_POLICY, type JsonSchemaPolicy } from "@/lib/contracts/json-schema-compatibility";
import type { CompatibilityMode } from "@/lib/generated/prisma/enums";
import { findPortForSubject } from "./subject-port";

export const COMPATIBILITY_MODES = ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] as const;
export const GLOBAL_SUBJECT = "";

/** A port's subjects follow the port's mode; other subjects their own config, else the global one, else BACKWARD. */
export async function effectiveCompatibility(subject: string, client: Tx | typeof db = db): Promise<CompatibilityMode> {
  const port = await findPortForSubject(subject, client);
  if (port) return port.compatibilityMode;
  const configs = await client.registryConfig.findMany({ where: { subject: { in: [subject, GLOBAL_SUBJECT] } } });
  return (configs.find((c) => c.subject === subject) ?? configs.find((c) => c.subject === GLOBAL_SUBJECT))?.compatibility ?? "BACKWARD";
}

/** A port's subjects follow the contracts' lenient JSON Schema rule (their schemas are generated open objects); other subjects Confluent's strict default. */
export function jsonSchemaPolicyFor(port: unknown): JsonSchemaPolicy {
  return port ? CONTRACT_JSON_SCHEMA_POLICY : "strict";
}
