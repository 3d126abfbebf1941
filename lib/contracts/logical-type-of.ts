import type { LogicalType, SchemaItem } from "./contract-types";

const BY_PHYSICAL: [RegExp, LogicalType][] = [
  [/^(tiny|small|medium|big)?int(eger)?\d*\b|^long$|^short$|^byte$|^serial/i, "integer"],
  [/^(decimal|numeric|number|float|double|real|money)/i, "number"],
  [/^bool/i, "boolean"],
  [/^timestamp|^datetime/i, "timestamp"],
  [/^date$/i, "date"],
  [/^time\b/i, "time"],
  [/^(array|list)\b/i, "array"],
  [/^(object|struct|record|json|map)\b/i, "object"],
];

/** A property's logicalType, or the one its physicalType suggests when it has none (string by default). */
export function logicalTypeOf(property: SchemaItem): LogicalType {
  if (property.logicalType) return property.logicalType;
  const physical = property.physicalType?.trim() ?? "";
  if (property.properties && property.properties.length > 0) return "object";
  if (property.items) return "array";
  return BY_PHYSICAL.find(([pattern]) => pattern.test(physical))?.[1] ?? "string";
}
