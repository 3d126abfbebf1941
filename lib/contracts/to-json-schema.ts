import type { OdcsContract, SchemaItem, SchemaProperty } from "./contract-types";
import { findSchemaObject } from "./find-schema-object";
import { logicalTypeOf } from "./logical-type-of";

export type JsonSchema = { [key: string]: unknown };

const STRING_OPTIONS = ["minLength", "maxLength", "pattern"];
const NUMBER_OPTIONS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_OPTIONS = ["minItems", "maxItems", "uniqueItems"];
const OBJECT_OPTIONS = ["minProperties", "maxProperties"];

/**
 * Maps one schema object of a contract (by name, else the first) to a JSON Schema (2020-12).
 * Fields that are not `required: true` are left out of `required` and also accept null (ODCS
 * `required` means "not null"). Objects with declared properties are closed
 * (`additionalProperties: false`): the contract lists every field, so a payload carrying others
 * breaks it, and drift is caught at the producer. Pass `{ openObjects: true }` to leave them open,
 * which lets a later version add optional fields without breaking FORWARD compatibility.
 * Objects without declared properties are free-form. Numeric and length options of
 * `logicalTypeOptions` carry over as the JSON Schema keywords of the same name.
 */
export function toJsonSchema(contract: OdcsContract, schemaName?: string, options: { openObjects?: boolean } = {}): JsonSchema {
  const object = findSchemaObject(contract, schemaName);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: object.name,
    ...(object.description ? { description: object.description } : {}),
    ...toObjectSchema(object.properties ?? [], options.openObjects === true),
  };
}

function toObjectSchema(properties: SchemaProperty[], open: boolean): JsonSchema {
  const required = properties.filter((p) => p.required === true).map((p) => p.name);
  return {
    type: "object",
    properties: Object.fromEntries(properties.map((p) => [p.name, toPropertySchema(p, open)])),
    ...(required.length > 0 ? { required } : {}),
    ...(open ? {} : { additionalProperties: false }),
  };
}

function toPropertySchema(property: SchemaItem, open: boolean): JsonSchema {
  const schema = toTypeSchema(property, open);
  if (property.description) schema.description = property.description;
  if (property.required !== true && typeof schema.type === "string") schema.type = [schema.type, "null"];
  return schema;
}

function toTypeSchema(property: SchemaItem, open: boolean): JsonSchema {
  const options = property.logicalTypeOptions ?? {};
  switch (logicalTypeOf(property)) {
    case "integer":
      return { type: "integer", ...pick(options, NUMBER_OPTIONS, "number") };
    case "number":
      return { type: "number", ...pick(options, NUMBER_OPTIONS, "number") };
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
      return { type: "string", format: "date-time" };
    case "time":
      return { type: "string", format: "time" };
    case "array":
      return { type: "array", ...(property.items ? { items: toPropertySchema({ ...property.items, required: true }, open) } : {}), ...pick(options, ARRAY_OPTIONS) };
    case "object":
      if (!property.properties || property.properties.length === 0) return { type: "object", ...pick(options, OBJECT_OPTIONS, "number") };
      return { ...toObjectSchema(property.properties, open), ...pick(options, OBJECT_OPTIONS, "number") };
    default:
      return { type: "string", ...pick(options, STRING_OPTIONS) };
  }
}

function pick(options: Record<string, unknown>, keys: string[], onlyType?: "number"): JsonSchema {
  return Object.fromEntries(keys.filter((k) => k in options && (!onlyType || typeof options[k] === onlyType)).map((k) => [k, options[k]]));
}
