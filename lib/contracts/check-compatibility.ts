import { checkAvroCompatibility } from "./avro-compatibility";
import { checkJsonSchemaCompatibility, type JsonSchemaPolicy } from "./json-schema-compatibility";

export type CompatibilityMode = "BACKWARD" | "BACKWARD_TRANSITIVE" | "FORWARD" | "FORWARD_TRANSITIVE" | "FULL" | "FULL_TRANSITIVE" | "NONE";

export type CompatibilityInput = {
  schemaType: "AVRO" | "JSON";
  newSchema: unknown;
  /** Oldest first; non-transitive modes compare with the last one only. */
  previousSchemas: unknown[];
  mode: CompatibilityMode;
  /** JSON Schema only: Confluent's strict rules (the default) or Meshwork's lenient contract rule. */
  jsonSchemaPolicy?: JsonSchemaPolicy;
};

export type CompatibilityVerdict = { compatible: boolean; messages: string[] };

/**
 * Confluent's compatibility modes. BACKWARD: the new schema can read data written with the last
 * one; FORWARD: the last schema can read data written with the new one; FULL: both.
 * *_TRANSITIVE: the same against every previous schema.
 */
export function checkCompatibility({ schemaType, newSchema, previousSchemas, mode, jsonSchemaPolicy = "strict" }: CompatibilityInput): CompatibilityVerdict {
  if (mode === "NONE" || previousSchemas.length === 0) return { compatible: true, messages: [] };
  const transitive = mode.endsWith("_TRANSITIVE");
  const directions = mode.startsWith("BACKWARD") ? (["backward"] as const) : mode.startsWith("FORWARD") ? (["forward"] as const) : (["backward", "forward"] as const);
  const targets = transitive ? previousSchemas.map((schema, index) => ({ schema, index })) : [{ schema: previousSchemas.at(-1), index: previousSchemas.length - 1 }];
  const check = (next: unknown, previous: unknown, direction: "backward" | "forward") =>
    schemaType === "AVRO" ? checkAvroCompatibility(next, previous, direction) : checkJsonSchemaCompatibility(next, previous, direction, jsonSchemaPolicy);
  const messages = targets.flatMap(({ schema, index }) => {
    const found = directions.flatMap((direction) => check(newSchema, schema, direction));
    const label = transitive && previousSchemas.length > 1 ? `against previous schema ${index + 1} of ${previousSchemas.length}: ` : "";
    return [...new Set(found)].map((message) => `${label}${message}`);
  });
  return { compatible: messages.length === 0, messages };
}
