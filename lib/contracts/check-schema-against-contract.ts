// Checks a hand-written Avro or JSON Schema against the fields a contract declares: every contract field is
// there with a matching type family, required fields are not optional, and the schema adds no undeclared field.
type ContractProperty = { name: string; logicalType?: string; required?: boolean; properties?: ContractProperty[] };
type ContractDocument = { schema?: { name?: string; properties?: ContractProperty[] }[] };

const AVRO_FAMILY: Record<string, string> = {
  string: "string", bytes: "string", enum: "string", fixed: "string",
  int: "integer", long: "integer", float: "number", double: "number", boolean: "boolean",
  record: "object", map: "object", array: "array",
};
const LOGICAL_FAMILY: Record<string, string> = { date: "date", "timestamp-millis": "timestamp", "timestamp-micros": "timestamp", "local-timestamp-millis": "timestamp", decimal: "number", uuid: "string" };
const JSON_FAMILY: Record<string, string> = { string: "string", integer: "integer", number: "number", boolean: "boolean", object: "object", array: "array" };

function contractFamily(logicalType: string | undefined): string | undefined {
  if (!logicalType) return undefined;
  return logicalType === "date" ? "date" : logicalType === "timestamp" || logicalType === "time" ? "timestamp" : logicalType;
}

type SchemaField = { family?: string; optional: boolean };

function avroFields(schema: unknown): Map<string, SchemaField> | null {
  const record = schema as { type?: string; fields?: { name: string; type: unknown; aliases?: string[] }[] };
  if (record?.type !== "record" || !Array.isArray(record.fields)) return null;
  const out = new Map<string, SchemaField>();
  for (const f of record.fields) {
    const branches = Array.isArray(f.type) ? f.type : [f.type];
    const nonNull = branches.filter((b) => b !== "null");
    const t = nonNull[0] as string | { type?: string; logicalType?: string };
    const family = typeof t === "string" ? AVRO_FAMILY[t] : (t?.logicalType && LOGICAL_FAMILY[t.logicalType]) || (t?.type ? AVRO_FAMILY[t.type] : undefined);
    out.set(f.name, { family: nonNull.length === 1 ? family : undefined, optional: branches.includes("null") });
  }
  return out;
}

function jsonFields(schema: unknown): Map<string, SchemaField> | null {
  const s = schema as { type?: string; properties?: Record<string, { type?: string | string[]; format?: string }>; required?: string[] };
  if (!s?.properties) return null;
  const required = new Set(s.required ?? []);
  const out = new Map<string, SchemaField>();
  for (const [name, p] of Object.entries(s.properties)) {
    const types = (Array.isArray(p.type) ? p.type : [p.type]).filter((t) => t && t !== "null") as string[];
    const family = p.format === "date" ? "date" : p.format === "date-time" ? "timestamp" : types.length === 1 ? JSON_FAMILY[types[0]] : undefined;
    out.set(name, { family, optional: !required.has(name) || (Array.isArray(p.type) && p.type.includes("null")) });
  }
  return out;
}

/** Returns the mismatches, one readable line each; an empty list means the schema matches the contract. */
export function checkSchemaAgainstContract(contract: ContractDocument, schemaType: "AVRO" | "JSON", schema: unknown, schemaName?: string): string[] {
  const object = contract.schema?.find((s) => !schemaName || s.name === schemaName) ?? contract.schema?.[0];
  if (!object?.properties) return ["the contract declares no schema properties to check against"];
  const fields = schemaType === "AVRO" ? avroFields(schema) : jsonFields(schema);
  if (!fields) return [schemaType === "AVRO" ? "the Avro schema must be a record" : "the JSON Schema must describe an object with properties"];
  const problems: string[] = [];
  const declared = new Set<string>();
  for (const p of object.properties) {
    declared.add(p.name);
    const field = fields.get(p.name);
    if (!field) {
      problems.push(`field "${p.name}" is in the contract but not in the schema`);
      continue;
    }
    const want = contractFamily(p.logicalType);
    const numericOk = want === "number" && field.family === "integer";
    const temporalOk = (want === "date" || want === "timestamp") && (field.family === "string" || field.family === "integer" || field.family === want);
    // An object without declared properties travels as a JSON string in Avro (see to-avro-schema.ts).
    const opaqueObjectOk = want === "object" && !p.properties?.length && field.family === "string";
    if (want && field.family && want !== field.family && !numericOk && !temporalOk && !opaqueObjectOk) problems.push(`field "${p.name}": the contract says ${p.logicalType}, the schema says ${field.family}`);
    if (p.required && field.optional) problems.push(`field "${p.name}" is required by the contract but optional in the schema`);
  }
  for (const name of fields.keys()) if (!declared.has(name)) problems.push(`field "${name}" is in the schema but not declared in the contract`);
  return problems;
}
