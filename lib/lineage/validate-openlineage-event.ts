import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ErrorDetail } from "@/lib/errors";
import coreSchema from "./openlineage-spec/OpenLineage.json";
import { FACET_SCHEMAS } from "./openlineage-spec/facet-schemas";

const CORE_ID = "https://openlineage.io/spec/2-0-2/OpenLineage.json";

export type FacetKind = "RunFacet" | "JobFacet" | "DatasetFacet" | "InputDatasetFacet" | "OutputDatasetFacet";
export type OpenLineageEventKind = "RunEvent" | "JobEvent" | "DatasetEvent";

type Facets = Record<string, Record<string, unknown>>;
export type OpenLineageDataset = { namespace: string; name: string; facets?: Facets; inputFacets?: Facets; outputFacets?: Facets };
/** An event that passed the schema: the parts Meshwork reads (everything else is kept in the facets as sent). */
export type OpenLineageEvent = {
  eventTime: string;
  eventType?: "START" | "RUNNING" | "COMPLETE" | "ABORT" | "FAIL" | "OTHER";
  run?: { runId: string; facets?: Facets };
  job?: { namespace: string; name: string; facets?: Facets };
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
  dataset?: OpenLineageDataset;
};

type FacetValidator = { kind: FacetKind; def: string; validate: ValidateFunction };
type Compiled = { events: Record<OpenLineageEventKind, ValidateFunction>; facets: Map<string, FacetValidator[]>; legacy: Map<string, ValidateFunction> };
let compiled: Compiled | undefined;

// Facets written for the 1-x spec (their _schemaURL names `OpenLineage.json#/definitions/<Facet>` of a 1-x version, from
// before facets had files of their own) are held to what that version required; today's file requires more.
// DataQualityMetricsInputDatasetFacet required rowCount then and requires columnMetrics now.
const LEGACY_REQUIRED: Record<string, string[]> = { DataQualityMetricsInputDatasetFacet: ["rowCount"] };
const LEGACY_SCHEMA_URL = /\/spec\/1-\d+-\d+\/OpenLineage\.json#\/definitions\/(\w+)$/;

// Producers' clients send naive timestamps (the Python client's serde examples) and bare references as URIs; an event
// time without an offset is read as UTC (a bare date as its midnight), and a `uri` may be any URI reference.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$/;

// A standard facet is recognised by its key (the name the spec gives it, e.g. `columnLineage`): producers often send
// a _schemaURL of their own, so the URL cannot be relied on.
function compile(): Compiled {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat("date-time", { validate: (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) });
  ajv.addFormat("uri", ajv.formats["uri-reference"] as never);
  ajv.addSchema(coreSchema);
  for (const schema of FACET_SCHEMAS) ajv.addSchema(schema);
  const events = Object.fromEntries((["RunEvent", "JobEvent", "DatasetEvent"] as const).map((kind) => [kind, ajv.getSchema(`${CORE_ID}#/$defs/${kind}`)!])) as Compiled["events"];
  const facets: Compiled["facets"] = new Map();
  for (const schema of FACET_SCHEMAS) {
    const defs = schema.$defs as Record<string, { allOf?: { $ref?: string }[]; oneOf?: { $ref?: string }[] }>;
    for (const [key, property] of Object.entries(schema.properties as Record<string, { $ref?: string; anyOf?: { $ref: string }[] }>)) {
      const refs = property.$ref ? [property.$ref] : (property.anyOf ?? []).map((r) => r.$ref);
      // BaseSubsetDatasetFacet is a oneOf of its input and output forms: each form is a facet of its own place.
      const expanded = refs.flatMap((ref) => defs[ref.replace("#/$defs/", "")]?.oneOf?.map((r) => r.$ref!).filter(Boolean) ?? [ref]);
      for (const ref of expanded) {
        const def = ref.replace("#/$defs/", "");
        const base = defs[def]?.allOf?.find((part) => part.$ref?.startsWith(CORE_ID))?.$ref;
        const kind = base?.split("/").at(-1) as FacetKind | undefined;
        if (!kind) continue;
        const validate = ajv.getSchema(`${schema.$id}#/$defs/${def}`)!;
        facets.set(key, [...(facets.get(key) ?? []), { kind, def, validate }]);
      }
    }
  }
  const legacy = new Map<string, ValidateFunction>();
  for (const [def, required] of Object.entries(LEGACY_REQUIRED)) {
    const schema = FACET_SCHEMAS.find((s) => def in s.$defs)!;
    const current = structuredClone(schema.$defs[def]) as { allOf: Record<string, unknown>[] };
    const body = current.allOf.find((part) => !part.$ref)!;
    legacy.set(def, ajv.compile({ $id: schema.$id.replace(/\.json$/, "-legacy.json"), $defs: schema.$defs, ...current, allOf: [...current.allOf.filter((p) => p !== body), { ...body, required }] }));
  }
  return { events, facets, legacy };
}

export const eventKind = (event: Record<string, unknown>): OpenLineageEventKind => ("run" in event || "eventType" in event ? "RunEvent" : "dataset" in event && !("job" in event) ? "DatasetEvent" : "JobEvent");

const escapePointer = (segment: string | number) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1");

function ajvDetails(errors: readonly ErrorObject[], prefix: string): ErrorDetail[] {
  const details = new Map<string, string>();
  for (const error of errors) {
    if (error.keyword === "anyOf" || error.keyword === "oneOf" || error.keyword === "allOf" || error.keyword === "if") continue;
    const missing = error.keyword === "required" ? `/${escapePointer((error.params as { missingProperty: string }).missingProperty)}` : "";
    const path = `${prefix}${error.instancePath}${missing}` || "/";
    const message = error.keyword === "required" ? "is required" : error.keyword === "not" ? "must not be present with the other fields of this event type" : (error.message ?? "is invalid");
    if (!details.has(path)) details.set(path, message);
  }
  return [...details].map(([path, message]) => ({ path, message }));
}

/** Validates a standard facet (by its key) against its own schema, where the spec gives one. */
function facetDetails(facets: unknown, at: string, kind: FacetKind, { facets: known, legacy }: Compiled): ErrorDetail[] {
  if (!facets || typeof facets !== "object" || Array.isArray(facets)) return [];
  const details: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(facets)) {
    const candidates = known.get(key);
    if (!candidates) continue;
    // A facet name can be defined for several places (dataQualityMetrics: dataset and input); the one for this place wins.
    const ordered = [...candidates.filter((c) => c.kind === kind), ...candidates.filter((c) => c.kind !== kind)];
    const claimed = LEGACY_SCHEMA_URL.exec(String((value as { _schemaURL?: unknown } | null)?._schemaURL ?? ""))?.[1];
    const validators = ordered.map((c) => (claimed === c.def && legacy.get(c.def)) || c.validate);
    if (validators.some((validate) => validate(value))) continue;
    details.push(...ajvDetails(validators[0].errors ?? [], `${at}/${escapePointer(key)}`));
  }
  return details;
}

/**
 * Validates one OpenLineage event against the official JSON Schema (run, job or dataset event) and each standard facet
 * against its own facet schema. Errors name the field by JSON pointer, prefixed with `prefix` (the batch index).
 */
export function validateOpenLineageEvent(event: unknown, prefix = ""): { ok: true; kind: OpenLineageEventKind; event: OpenLineageEvent } | { ok: false; errors: ErrorDetail[] } {
  compiled ??= compile();
  if (!event || typeof event !== "object" || Array.isArray(event)) return { ok: false, errors: [{ path: prefix || "/", message: "an OpenLineage event must be a JSON object" }] };
  const kind = eventKind(event as Record<string, unknown>);
  const validate = compiled.events[kind];
  if (!validate(event)) return { ok: false, errors: ajvDetails(validate.errors ?? [], prefix) };
  const e = event as OpenLineageEvent;
  const errors: ErrorDetail[] = [
    ...facetDetails(e.run?.facets, `${prefix}/run/facets`, "RunFacet", compiled),
    ...facetDetails(e.job?.facets, `${prefix}/job/facets`, "JobFacet", compiled),
    ...facetDetails(e.dataset?.facets, `${prefix}/dataset/facets`, "DatasetFacet", compiled),
  ];
  for (const [side, list] of [["inputs", e.inputs], ["outputs", e.outputs]] as const) {
    (list ?? []).forEach((dataset, i) => {
      errors.push(...facetDetails(dataset.facets, `${prefix}/${side}/${i}/facets`, "DatasetFacet", compiled!));
      if (side === "inputs") errors.push(...facetDetails(dataset.inputFacets, `${prefix}/${side}/${i}/inputFacets`, "InputDatasetFacet", compiled!));
      else errors.push(...facetDetails(dataset.outputFacets, `${prefix}/${side}/${i}/outputFacets`, "OutputDatasetFacet", compiled!));
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, kind, event: e };
}
