import type { OdcsContract, SchemaItem, SchemaProperty } from "./contract-types";
import { findSchemaObject } from "./find-schema-object";
import { logicalTypeOf } from "./logical-type-of";
import { toAvroName } from "./to-avro-name";

export type AvroType = string | AvroType[] | { type: string; [key: string]: unknown };
export type AvroField = { name: string; type: AvroType; doc?: string; default?: null };
export type AvroRecord = { type: "record"; name: string; namespace?: string; doc?: string; fields: AvroField[] };

// Named types may not take a primitive type's name.
const PRIMITIVES = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
const INT_PHYSICAL = /^(int|integer|int2|int4|int8|int16|int32|smallint|tinyint|short|byte)$/i;
const FLOAT_PHYSICAL = /^(float|float4|float32|real)$/i;
const DECIMAL_PHYSICAL = /^(?:decimal|numeric|number)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/i;

/**
 * Maps one schema object of a contract (by name, else the first) to an Avro record. Fields that
 * are not `required: true` become `["null", T]` with default null; nested objects become nested
 * records. Names that Avro refuses are cleaned, and the original name is kept in the field's doc.
 * An object without declared properties is free-form, so it travels as a JSON string.
 */
export function toAvroSchema(contract: OdcsContract, schemaName?: string): AvroRecord {
  const object = findSchemaObject(contract, schemaName);
  const usedNames = new Set<string>(PRIMITIVES);
  const name = uniqueName(toAvroName(object.name), usedNames);
  const namespace = toNamespace(contract.domain ?? contract.id);
  return {
    type: "record",
    name,
    ...(namespace ? { namespace } : {}),
    ...(object.description ? { doc: object.description } : {}),
    fields: toFields(object.properties ?? [], usedNames),
  };
}

function toFields(properties: SchemaProperty[], usedNames: Set<string>): AvroField[] {
  const fieldNames = new Set<string>();
  return properties.map((property) => {
    const name = uniqueName(toAvroName(property.name), fieldNames);
    const type = toAvroType(property, name, usedNames);
    const doc = [property.description, name !== property.name ? `ODCS name: ${property.name}` : undefined].filter(Boolean).join(" — ");
    const optional = property.required !== true;
    return { name, type: optional ? ["null", type] : type, ...(doc ? { doc } : {}), ...(optional ? { default: null } : {}) };
  });
}

function toAvroType(property: SchemaItem, name: string, usedNames: Set<string>): AvroType {
  const physical = property.physicalType?.trim() ?? "";
  switch (logicalTypeOf(property)) {
    case "integer":
      return INT_PHYSICAL.test(physical) ? "int" : "long";
    case "number": {
      const decimal = DECIMAL_PHYSICAL.exec(physical);
      if (decimal) return { type: "bytes", logicalType: "decimal", precision: Number(decimal[1]), scale: Number(decimal[2] ?? 0) };
      return FLOAT_PHYSICAL.test(physical) ? "float" : "double";
    }
    case "boolean":
      return "boolean";
    case "date":
      return { type: "int", logicalType: "date" };
    case "timestamp":
      return { type: "long", logicalType: "timestamp-millis" };
    case "time":
      return { type: "int", logicalType: "time-millis" };
    case "array":
      return { type: "array", items: property.items ? toAvroType(property.items, `${name}_item`, usedNames) : "string" };
    case "object":
      if (!property.properties || property.properties.length === 0) return "string";
      return { type: "record", name: uniqueName(toAvroName(name), usedNames), fields: toFields(property.properties, usedNames) };
    default:
      return "string";
  }
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name}_${n}`;
  used.add(candidate);
  return candidate;
}

function toNamespace(source: string | undefined): string | undefined {
  if (!source) return undefined;
  const segments = source.split(".").filter(Boolean).map(toAvroName);
  return segments.length > 0 ? segments.join(".") : undefined;
}
