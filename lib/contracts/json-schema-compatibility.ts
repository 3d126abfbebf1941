import { diffJsonSchemas, LENIENT_COMPATIBLE_CHANGES, STRICT_COMPATIBLE_CHANGES } from "./json-schema-diff";

export type Direction = "backward" | "forward";

/**
 * Which JSON Schema changes count as compatible. `strict` is Confluent's default (its COMPATIBLE_CHANGES):
 * adding a property to an open object is refused, since documents written before may already carry that
 * property with another type. `lenient` is Meshwork's contract rule: strict, plus adding an optional
 * property to an open object, because the schemas generated from contracts are open objects.
 */
export type JsonSchemaPolicy = "strict" | "lenient";

/** The policy of every contract's schemas, and so of the registry subjects of a port. */
export const CONTRACT_JSON_SCHEMA_POLICY: JsonSchemaPolicy = "lenient";

/**
 * Reasons why the change from the previous schema to the new one is incompatible, as Confluent's SchemaDiff
 * finds them. BACKWARD compares the previous schema (original) with the new one (update); FORWARD the other
 * way round, as Confluent does (the previous schema must accept the new one's documents).
 */
export function checkJsonSchemaCompatibility(newSchema: unknown, previousSchema: unknown, direction: Direction, policy: JsonSchemaPolicy = "strict"): string[] {
  const compatible = policy === "lenient" ? LENIENT_COMPATIBLE_CHANGES : STRICT_COMPATIBLE_CHANGES;
  const [original, update] = direction === "backward" ? [previousSchema, newSchema] : [newSchema, previousSchema];
  return diffJsonSchemas(original, update, compatible)
    .filter((d) => !compatible.has(d.type))
    .map((d) => `${d.path}: ${d.type.toLowerCase().replace(/_/g, " ")} (${d.type}${direction === "forward" ? ", checked forward" : ""})`);
}
