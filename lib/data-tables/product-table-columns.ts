import type { SchemaItem, SchemaObject } from "@/lib/contracts/contract-types";
import { logicalTypeOf } from "@/lib/contracts/logical-type-of";
import { MeshworkError } from "@/lib/errors";
import { MAX_IDENTIFIER_BYTES } from "./table-location";

export type TableColumn = {
  name: string;
  type: string;
  notNull: boolean;
  description?: string;
  /** The contract property's name, as a stream's records carry it (the column is its physicalName when it has one). */
  field?: string;
  /** Position in the contract's primary key (1-based), when the property is part of it. */
  primaryKeyPosition?: number;
};

/** Where each row came from in the stream: (partition, offset) is unique, so a redelivered message cannot land twice. */
export const SYSTEM_COLUMNS: readonly TableColumn[] = [
  { name: "_partition", type: "integer", notNull: true },
  { name: "_offset", type: "bigint", notNull: true },
  { name: "_timestamp", type: "timestamp with time zone", notNull: true },
  { name: "_key", type: "text", notNull: false },
];

const SMALLINT = /^(smallint|int2|int16|tinyint|short|byte)$/i;
const INTEGER = /^(int|integer|int4|int32)$/i;
const REAL = /^(float|float4|float32|real)$/i;
const DECIMAL = /^(?:decimal|numeric|number)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/i;

/** The PostgreSQL type of one contract property; nested objects and arrays are kept whole as jsonb. */
export function postgresTypeOf(property: SchemaItem): string {
  const physical = property.physicalType?.trim() ?? "";
  switch (logicalTypeOf(property)) {
    case "integer":
      return SMALLINT.test(physical) ? "smallint" : INTEGER.test(physical) ? "integer" : "bigint";
    case "number": {
      const decimal = DECIMAL.exec(physical);
      if (decimal) {
        const precision = Number(decimal[1]);
        const scale = Number(decimal[2] ?? 0);
        if (precision >= 1 && precision <= 1000 && scale <= precision) return `numeric(${precision},${scale})`;
        return "numeric";
      }
      if (/^(decimal|numeric)$/i.test(physical)) return "numeric";
      return REAL.test(physical) ? "real" : "double precision";
    }
    case "boolean":
      return "boolean";
    case "date":
      return "date";
    case "timestamp":
      return "timestamp with time zone";
    case "time":
      return "time without time zone";
    case "object":
    case "array":
      return "jsonb";
    default:
      return "text";
  }
}

/**
 * The columns of a table port's table for one schema object of its contract: one per top-level property, named by
 * its physicalName (else its name) exactly as written, then the stream's own columns (SYSTEM_COLUMNS).
 */
export function productTableColumns(object: SchemaObject): TableColumn[] {
  const reserved = new Set(SYSTEM_COLUMNS.map((c) => c.name));
  const seen = new Set<string>();
  const columns = (object.properties ?? []).map((property, i) => {
    const name = (property.physicalName ?? property.name ?? "").trim();
    const fail = (message: string) => new MeshworkError("validation_failed", `Column ${name || `#${i + 1}`} of ${object.name}: ${message}.`, [{ path: `schema.properties[${i}]`, message }]);
    if (!name) throw fail("has no name");
    if (name.includes("\u0000")) throw fail("contains a NUL byte");
    if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) throw fail(`is longer than PostgreSQL's ${MAX_IDENTIFIER_BYTES} bytes`);
    if (reserved.has(name)) throw fail(`${name} is one of the columns Meshwork adds itself (${[...reserved].join(", ")})`);
    if (seen.has(name)) throw fail("appears twice");
    seen.add(name);
    const primaryKeyPosition = property.primaryKey === true ? (property.primaryKeyPosition ?? i + 1) : undefined;
    return {
      name,
      type: postgresTypeOf(property),
      notNull: property.required === true,
      field: (property.name ?? name).trim(),
      ...(property.description ? { description: property.description } : {}),
      ...(primaryKeyPosition !== undefined ? { primaryKeyPosition } : {}),
    };
  });
  return [...columns, ...SYSTEM_COLUMNS];
}
