/**
 * The parts of an ODCS v3.1 data contract that Meshwork reads. The JSON Schema in
 * odcs-json-schema-v3.1.0.json is the authority; these types only name what the code touches,
 * and every object keeps the rest of its keys (ODCS documents carry many more).
 */

export type LogicalType = "string" | "date" | "timestamp" | "time" | "number" | "integer" | "object" | "array" | "boolean";

export const LOGICAL_TYPES: readonly LogicalType[] = ["string", "date", "timestamp", "time", "number", "integer", "object", "array", "boolean"];

export type CustomProperty = { property: string; value: unknown; [key: string]: unknown };

export type AuthoritativeDefinition = { type: string; url: string; description?: string; [key: string]: unknown };

export type QualityRule = {
  id?: string;
  name?: string;
  type?: "text" | "library" | "sql" | "custom";
  metric?: string;
  rule?: string;
  dimension?: string;
  description?: string;
  severity?: string;
  query?: string;
  engine?: string;
  implementation?: unknown;
  mustBe?: unknown;
  mustNotBe?: unknown;
  mustBeGreaterThan?: number;
  mustBeGreaterOrEqualTo?: number;
  mustBeLessThan?: number;
  mustBeLessOrEqualTo?: number;
  mustBeBetween?: [number, number];
  mustNotBeBetween?: [number, number];
  [key: string]: unknown;
};

/** What properties and array items share; `properties` nest an object, `items` describe an array's elements. */
type PropertyFields = {
  id?: string;
  businessName?: string;
  physicalName?: string;
  logicalType?: LogicalType;
  logicalTypeOptions?: Record<string, unknown>;
  physicalType?: string;
  description?: string;
  required?: boolean;
  unique?: boolean;
  primaryKey?: boolean;
  primaryKeyPosition?: number;
  partitioned?: boolean;
  partitionKeyPosition?: number;
  classification?: string;
  criticalDataElement?: boolean;
  tags?: string[];
  examples?: unknown[];
  customProperties?: CustomProperty[];
  quality?: QualityRule[];
  properties?: SchemaProperty[] | null;
  items?: SchemaItem;
  [key: string]: unknown;
};

export type SchemaProperty = PropertyFields & { name: string };

/** The element description of an array property: a property whose name is optional. */
export type SchemaItem = PropertyFields & { name?: string };

/** One element of `schema[]`: a table, a topic, a file... */
export type SchemaObject = {
  id?: string;
  name: string;
  businessName?: string;
  physicalName?: string;
  logicalType?: "object";
  physicalType?: string;
  description?: string;
  dataGranularityDescription?: string;
  tags?: string[];
  customProperties?: CustomProperty[];
  properties?: SchemaProperty[] | null;
  quality?: QualityRule[];
  [key: string]: unknown;
};

export type SlaProperty = {
  id?: string;
  property: string;
  value: string | number | boolean | null;
  valueExt?: unknown;
  unit?: string;
  element?: string;
  driver?: string;
  description?: string;
  [key: string]: unknown;
};

export type TeamMember = { username: string; name?: string; role?: string; dateIn?: string; dateOut?: string; [key: string]: unknown };

export type Team = { id?: string; name?: string; description?: string; members?: TeamMember[]; [key: string]: unknown };

export type SupportChannel = { channel: string; url?: string; tool?: string; scope?: string; description?: string; [key: string]: unknown };

/** ODCS leaves status free text; these are the values its documentation names. */
export type ContractStatus = "proposed" | "draft" | "active" | "deprecated" | "retired" | (string & {});

export type OdcsContract = {
  apiVersion: string;
  kind: "DataContract";
  id: string;
  name?: string;
  version: string;
  status: ContractStatus;
  domain?: string;
  dataProduct?: string;
  tenant?: string;
  description?: { purpose?: string; usage?: string; limitations?: string; [key: string]: unknown };
  schema?: SchemaObject[];
  servers?: Record<string, unknown>[];
  support?: SupportChannel[];
  team?: Team | TeamMember[];
  roles?: Record<string, unknown>[];
  slaProperties?: SlaProperty[];
  tags?: string[];
  authoritativeDefinitions?: AuthoritativeDefinition[];
  customProperties?: CustomProperty[];
  contractCreatedTs?: string;
  [key: string]: unknown;
};

/** A problem found in a contract document; `path` reads like `schema[0].properties[3].logicalType`. */
export type ContractError = { path: string; message: string; line?: number; column?: number };
