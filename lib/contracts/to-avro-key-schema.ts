import type { OdcsContract } from "./contract-types";
import { findSchemaObject } from "./find-schema-object";
import { toAvroSchema, type AvroType } from "./to-avro-schema";

/**
 * The Kafka key a contract declares: its primary-key properties (in primaryKeyPosition order). One key field
 * is keyed by its own type, several by a record of them; no primary key means no key schema.
 */
export function toAvroKeySchema(contract: OdcsContract, schemaName?: string): AvroType | null {
  const object = findSchemaObject(contract, schemaName);
  const keys = (object.properties ?? [])
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.primaryKey === true)
    .sort((a, b) => ((a.p.primaryKeyPosition as number | undefined) ?? a.index) - ((b.p.primaryKeyPosition as number | undefined) ?? b.index));
  if (keys.length === 0) return null;
  const value = toAvroSchema(contract, schemaName);
  const fields = keys.map(({ index }) => value.fields[index]);
  const required = fields.map((f) => ({ name: f.name, type: Array.isArray(f.type) ? f.type.filter((t) => t !== "null")[0] : f.type, ...(f.doc ? { doc: f.doc } : {}) }));
  if (required.length === 1) return required[0].type;
  return { type: "record", name: `${value.name}Key`, ...(value.namespace ? { namespace: value.namespace } : {}), fields: required };
}
