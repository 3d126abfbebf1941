import { stringify } from "yaml";
import type { OdcsContract } from "./contract-types";

const CONTRACT_ORDER = [
  "apiVersion", "kind", "id", "name", "version", "status", "domain", "dataProduct", "tenant", "description",
  "schema", "quality", "servers", "team", "support", "roles", "slaDefaultElement", "slaProperties", "price",
  "tags", "authoritativeDefinitions", "customProperties", "contractCreatedTs",
];
const OBJECT_ORDER = [
  "id", "name", "physicalName", "businessName", "logicalType", "physicalType", "description",
  "dataGranularityDescription", "tags", "authoritativeDefinitions", "relationships", "properties", "quality", "customProperties",
];
const PROPERTY_ORDER = [
  "id", "name", "physicalName", "businessName", "logicalType", "logicalTypeOptions", "physicalType", "description",
  "required", "unique", "primaryKey", "primaryKeyPosition", "partitioned", "partitionKeyPosition", "classification",
  "criticalDataElement", "encryptedName", "tags", "examples", "transformSourceObjects", "transformLogic",
  "transformDescription", "authoritativeDefinitions", "relationships", "properties", "items", "quality", "customProperties",
];

/**
 * Writes a contract as ODCS YAML with a stable key order (the well-known keys first, any other
 * keys after them in their original order). Output follows YAML 1.1 quoting, so values like
 * `"2022-10-03"` or `"yes"` stay strings for YAML 1.1 readers (PyYAML) as well as 1.2 ones.
 */
export function exportContract(contract: OdcsContract): string {
  const ordered: Record<string, unknown> = { ...orderKeys(contract, CONTRACT_ORDER) };
  if (Array.isArray(contract.schema)) ordered.schema = contract.schema.map((object) => orderElement(object, OBJECT_ORDER));
  return stringify(ordered, { lineWidth: 0, version: "1.1" });
}

function orderElement(element: unknown, order: string[]): unknown {
  if (!isRecord(element)) return element;
  const ordered = orderKeys(element, order);
  if (Array.isArray(element.properties)) ordered.properties = element.properties.map((p) => orderElement(p, PROPERTY_ORDER));
  if (isRecord(element.items)) ordered.items = orderElement(element.items, PROPERTY_ORDER);
  return ordered;
}

function orderKeys(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const known = order.filter((key) => key in value);
  const rest = Object.keys(value).filter((key) => !order.includes(key));
  return Object.fromEntries([...known, ...rest].map((key) => [key, value[key]]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
