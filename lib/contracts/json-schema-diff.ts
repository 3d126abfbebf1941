/*
 * The differences between two JSON Schemas, as Confluent Schema Registry's JSON Schema provider finds them
 * (io.confluent.kafka.schemaregistry.json.diff.SchemaDiff, over everit-json-schema's schema model): each
 * raw schema is first read into typed nodes (string, number, object, array, enum, combined...), as everit
 * loads it, then an original and an update are compared node by node. Each difference has Confluent's type
 * name and a JSON path (#/properties/a). A change is compatible when all its differences are in the
 * policy's set of compatible changes.
 */

export type DifferenceType = string;
export type Difference = { type: DifferenceType; path: string };

/** Confluent's COMPATIBLE_CHANGES (its default, "strict"). */
export const STRICT_COMPATIBLE_CHANGES: ReadonlySet<DifferenceType> = new Set([
  "ID_CHANGED", "DESCRIPTION_CHANGED", "TITLE_CHANGED", "DEFAULT_CHANGED", "SCHEMA_REMOVED", "TYPE_EXTENDED",
  "MAX_LENGTH_INCREASED", "MAX_LENGTH_REMOVED", "MIN_LENGTH_DECREASED", "MIN_LENGTH_REMOVED", "PATTERN_REMOVED",
  "MAXIMUM_INCREASED", "MAXIMUM_REMOVED", "MINIMUM_DECREASED", "MINIMUM_REMOVED", "EXCLUSIVE_MAXIMUM_INCREASED",
  "EXCLUSIVE_MAXIMUM_REMOVED", "EXCLUSIVE_MINIMUM_DECREASED", "EXCLUSIVE_MINIMUM_REMOVED", "MULTIPLE_OF_REDUCED", "MULTIPLE_OF_REMOVED",
  "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED", "REQUIRED_ATTRIBUTE_REMOVED", "DEPENDENCY_ARRAY_NARROWED", "DEPENDENCY_ARRAY_REMOVED",
  "DEPENDENCY_SCHEMA_REMOVED", "MAX_PROPERTIES_INCREASED", "MAX_PROPERTIES_REMOVED", "MIN_PROPERTIES_DECREASED", "MIN_PROPERTIES_REMOVED",
  "ADDITIONAL_PROPERTIES_ADDED", "ADDITIONAL_PROPERTIES_EXTENDED", "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
  "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL", "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL",
  "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL",
  "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "MAX_ITEMS_INCREASED", "MAX_ITEMS_REMOVED", "MIN_ITEMS_DECREASED", "MIN_ITEMS_REMOVED", "UNIQUE_ITEMS_REMOVED",
  "ADDITIONAL_ITEMS_ADDED", "ADDITIONAL_ITEMS_EXTENDED", "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL",
  "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL", "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL", "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL",
  "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL",
  "ENUM_ARRAY_EXTENDED", "COMBINED_TYPE_EXTENDED", "PRODUCT_TYPE_NARROWED", "SUM_TYPE_EXTENDED", "NOT_TYPE_NARROWED",
]);

/**
 * Meshwork's contract policy: strict, plus adding an optional property to an open object. Schemas generated
 * from contracts are open objects, and adding an optional field is the contract's everyday change.
 */
export const LENIENT_COMPATIBLE_CHANGES: ReadonlySet<DifferenceType> = new Set([...STRICT_COMPATIBLE_CHANGES, "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"]);

type Meta = { id?: unknown; title?: unknown; description?: unknown; default?: unknown; hasDefault: boolean };
type Additional = { permits: boolean; schema: Node | null };
type Node =
  | { kind: "empty" | "true" | "false" | "boolean" | "null" | "conditional"; meta: Meta }
  | { kind: "string"; meta: Meta; minLength?: number; maxLength?: number; pattern?: string }
  | { kind: "number"; meta: Meta; integer: boolean; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; multipleOf?: number }
  | { kind: "enum"; meta: Meta; values: string[] }
  | { kind: "const"; meta: Meta; value: string }
  | { kind: "not"; meta: Meta; schema: Node }
  | { kind: "combined"; meta: Meta; criterion: "allOf" | "anyOf" | "oneOf"; subschemas: Node[] }
  | { kind: "ref"; meta: Meta; target: () => Node }
  | {
      kind: "object";
      meta: Meta;
      properties: Map<string, Node>;
      required: Set<string>;
      additional: Additional;
      patternProperties: [RegExp, Node][];
      propertyDependencies: Map<string, Set<string>>;
      schemaDependencies: Map<string, Node>;
      minProperties?: number;
      maxProperties?: number;
    }
  | {
      kind: "array";
      meta: Meta;
      items: Node | null;
      itemSchemas: Node[];
      additional: Additional;
      unevaluated: Node | null;
      minItems?: number;
      maxItems?: number;
      uniqueItems: boolean;
      minContains?: number;
      maxContains?: number;
    };
type Raw = Record<string, unknown>;
type Draft = "draft-07" | "2019-09" | "2020-12";

const ARRAY_KEYWORDS = ["items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "prefixItems", "minContains", "maxContains", "unevaluatedItems"];
const OBJECT_KEYWORDS = ["properties", "required", "minProperties", "maxProperties", "dependencies", "dependentRequired", "dependentSchemas", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedProperties"];
const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const STRING_KEYWORDS = ["minLength", "maxLength", "pattern", "format"];
const CONDITIONAL_KEYWORDS = ["if", "then", "else"];

const isRaw = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const num = (value: unknown) => (typeof value === "number" ? value : undefined);

/** JSON text with sorted keys: the identity of a value, or of a subschema, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRaw(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  return JSON.stringify(value) ?? "null";
}

function draftOf(root: unknown): Draft {
  const uri = isRaw(root) && typeof root.$schema === "string" ? root.$schema : "";
  if (uri.includes("2020-12")) return "2020-12";
  if (uri.includes("2019-09")) return "2019-09";
  return "draft-07";
}

/** Reads a raw schema into nodes the way everit's SchemaLoader does; `$ref`s inside the document are followed lazily. */
function load(root: unknown): Node {
  const draft = draftOf(root);
  const cache = new Map<unknown, Node>();

  const resolve = (ref: string): unknown => {
    if (!ref.startsWith("#")) return {};
    return ref
      .slice(1)
      .split("/")
      .filter(Boolean)
      .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (isRaw(node) || Array.isArray(node) ? (node as Raw)[part] : undefined), root) ?? {};
  };

  const node = (raw: unknown): Node => {
    if (raw === true) return { kind: "true", meta: { hasDefault: false } };
    if (raw === false) return { kind: "false", meta: { hasDefault: false } };
    if (!isRaw(raw)) return { kind: "empty", meta: { hasDefault: false } };
    const hit = cache.get(raw);
    if (hit) return hit;
    const meta: Meta = { id: raw.$id ?? raw.id, title: raw.title, description: raw.description, default: raw.default === undefined ? undefined : canonicalJson(raw.default), hasDefault: "default" in raw };
    if (typeof raw.$ref === "string") {
      const ref = raw.$ref;
      let target: Node | undefined;
      const result: Node = { kind: "ref", meta, target: () => (target ??= node(resolve(ref))) };
      cache.set(raw, result);
      return result;
    }
    const parts = extract(raw);
    const result: Node = parts.length === 0 ? { kind: "empty", meta } : parts.length === 1 ? { ...parts[0], meta } : { kind: "combined", meta, criterion: "allOf", subschemas: parts };
    cache.set(raw, result);
    return result;
  };

  const blank = (): Meta => ({ hasDefault: false });
  const has = (raw: Raw, keywords: string[]) => keywords.some((k) => k in raw);

  // everit's extractors, in order: enum, allOf/anyOf/oneOf, not, const, the typed schema (or the ones the keywords imply).
  const extract = (raw: Raw): Node[] => {
    const parts: Node[] = [];
    if (Array.isArray(raw.enum)) parts.push({ kind: "enum", meta: blank(), values: [...new Set(raw.enum.map(canonicalJson))] });
    for (const criterion of ["allOf", "anyOf", "oneOf"] as const) {
      if (Array.isArray(raw[criterion])) parts.push(combined(criterion, raw[criterion] as unknown[]));
    }
    if ("not" in raw) parts.push({ kind: "not", meta: blank(), schema: node(raw.not) });
    if ("const" in raw) parts.push({ kind: "const", meta: blank(), value: canonicalJson(raw.const) });
    if (typeof raw.type === "string") {
      parts.push(typed(raw, raw.type));
      parts.push(...sniffed(raw, raw.type));
    } else if (Array.isArray(raw.type)) {
      const types = raw.type.filter((t): t is string => typeof t === "string");
      parts.push(types.length === 1 ? typed(raw, types[0]) : { kind: "combined", meta: blank(), criterion: "anyOf", subschemas: types.map((t) => typed(raw, t)) });
    } else {
      parts.push(...sniffed(raw, null));
    }
    return parts;
  };

  const combined = (criterion: "allOf" | "anyOf" | "oneOf", raws: unknown[]): Node => {
    // Like Confluent's sets of subschemas, identical alternatives count once.
    const seen = new Set<string>();
    const distinct = raws.filter((r) => !seen.has(canonicalJson(r)) && seen.add(canonicalJson(r)));
    return { kind: "combined", meta: blank(), criterion, subschemas: distinct.map(node) };
  };

  // Without a type (or beside it), the keywords of another type make a schema of that type, as everit's property sniffer does.
  const sniffed = (raw: Raw, type: string | null): Node[] => {
    const parts: Node[] = [];
    if (type !== "array" && has(raw, ARRAY_KEYWORDS)) parts.push(typed(raw, "array"));
    if (type !== "object" && has(raw, OBJECT_KEYWORDS)) parts.push(typed(raw, "object"));
    if (type !== "number" && type !== "integer" && has(raw, NUMBER_KEYWORDS)) parts.push(typed(raw, "number"));
    if (type !== "string" && has(raw, STRING_KEYWORDS)) parts.push(typed(raw, "string"));
    if (has(raw, CONDITIONAL_KEYWORDS)) parts.push({ kind: "conditional", meta: blank() });
    return parts;
  };

  const additional = (value: unknown): Additional => (value === false ? { permits: false, schema: null } : value === undefined || value === true ? { permits: true, schema: null } : { permits: true, schema: node(value) });

  const typed = (raw: Raw, type: string): Node => {
    switch (type) {
      case "string":
        return { kind: "string", meta: blank(), minLength: num(raw.minLength), maxLength: num(raw.maxLength), pattern: typeof raw.pattern === "string" ? raw.pattern : undefined };
      case "number":
      case "integer":
        return {
          kind: "number",
          meta: blank(),
          integer: type === "integer",
          minimum: num(raw.minimum),
          maximum: num(raw.maximum),
          // Draft 4's boolean form makes minimum/maximum exclusive.
          exclusiveMinimum: raw.exclusiveMinimum === true ? num(raw.minimum) : num(raw.exclusiveMinimum),
          exclusiveMaximum: raw.exclusiveMaximum === true ? num(raw.maximum) : num(raw.exclusiveMaximum),
          multipleOf: num(raw.multipleOf),
        };
      case "object": {
        const propertyDependencies = new Map<string, Set<string>>();
        const schemaDependencies = new Map<string, Node>();
        const dependencies = { ...(isRaw(raw.dependencies) ? raw.dependencies : {}), ...(isRaw(raw.dependentRequired) ? raw.dependentRequired : {}), ...(isRaw(raw.dependentSchemas) ? raw.dependentSchemas : {}) };
        for (const [key, value] of Object.entries(dependencies)) {
          if (Array.isArray(value)) propertyDependencies.set(key, new Set(value.map(String)));
          else schemaDependencies.set(key, node(value));
        }
        return {
          kind: "object",
          meta: blank(),
          properties: new Map(Object.entries(isRaw(raw.properties) ? raw.properties : {}).map(([k, v]) => [k, node(v)])),
          required: new Set(Array.isArray(raw.required) ? raw.required.map(String) : []),
          additional: additional(raw.additionalProperties),
          patternProperties: Object.entries(isRaw(raw.patternProperties) ? raw.patternProperties : {}).flatMap(([pattern, v]): [RegExp, Node][] => {
            try {
              return [[new RegExp(pattern, "u"), node(v)]];
            } catch {
              return [];
            }
          }),
          propertyDependencies,
          schemaDependencies,
          minProperties: num(raw.minProperties),
          maxProperties: num(raw.maxProperties),
        };
      }
      case "array": {
        // 2020-12 (and prefixItems anywhere) names the tuple prefixItems and what may follow it items; earlier drafts use
        // items' array form and additionalItems. As Confluent reads 2020-12, a boolean items is additionalItems.
        const tuple = draft === "2020-12" || Array.isArray(raw.prefixItems);
        const prefix = Array.isArray(raw.prefixItems);
        const itemSchemas = tuple ? (prefix ? (raw.prefixItems as unknown[]) : []) : Array.isArray(raw.items) ? raw.items : [];
        const rest = tuple ? (prefix || typeof raw.items === "boolean" ? raw.items : undefined) : raw.additionalItems;
        const items = tuple ? (!prefix && isRaw(raw.items) ? raw.items : undefined) : Array.isArray(raw.items) ? undefined : raw.items;
        return {
          kind: "array",
          meta: blank(),
          items: items === undefined ? null : node(items),
          itemSchemas: itemSchemas.map(node),
          additional: additional(rest),
          unevaluated: draft !== "draft-07" && raw.unevaluatedItems !== undefined ? node(raw.unevaluatedItems) : null,
          minItems: num(raw.minItems),
          maxItems: num(raw.maxItems),
          uniqueItems: raw.uniqueItems === true,
          minContains: num(raw.minContains),
          maxContains: num(raw.maxContains),
        };
      }
      case "boolean":
      case "null":
        return { kind: type, meta: blank() };
      default:
        return { kind: "empty", meta: blank() };
    }
  };

  return node(root);
}

type Diffs = Difference[];
const at = (path: string[], type: DifferenceType): Difference => ({ type, path: `#/${path.join("/")}` });

class Comparison {
  private readonly memo = new Map<Node, Map<Node, { path: string[]; type: DifferenceType }[]>>();
  private readonly inProgress = new Map<Node, Set<Node>>();

  constructor(private readonly compatible: ReadonlySet<DifferenceType>) {}

  isCompatible(diffs: Diffs): boolean {
    return diffs.every((d) => this.compatible.has(d.type));
  }

  /** Differences from `original` to `update` at `path`. */
  compare(original: Node | null, update: Node | null, path: string[]): Diffs {
    if (!original && !update) return [];
    if (!original) return [at(path, "SCHEMA_ADDED")];
    if (!update) return [at(path, "SCHEMA_REMOVED")];
    const o = deref(original);
    const u = deref(update);
    const cached = this.memo.get(o)?.get(u);
    if (cached) return cached.map((d) => at([...path, ...d.path], d.type));
    const running = this.inProgress.get(o) ?? this.inProgress.set(o, new Set()).get(o)!;
    // A recursive schema meets the same pair again: it is being compared further up.
    if (running.has(u)) return [];
    running.add(u);
    try {
      const relative = this.compareNodes(o, u, []);
      const byUpdate = this.memo.get(o) ?? this.memo.set(o, new Map()).get(o)!;
      byUpdate.set(u, relative.map((d) => ({ type: d.type, path: d.path === "#/" ? [] : d.path.slice(2).split("/") })));
      return relative.map((d) => at([...path, ...(d.path === "#/" ? [] : d.path.slice(2).split("/"))], d.type));
    } finally {
      running.delete(u);
    }
  }

  private compareNodes(o: Node, u: Node, path: string[]): Diffs {
    if (o.kind !== "combined" && u.kind === "combined") {
      if (u.subschemas.length === 1) {
        const single = this.compare(o, u.subschemas[0], path);
        if (this.isCompatible(single)) return single;
      } else if (u.criterion !== "allOf") {
        for (const sub of u.subschemas) {
          const branch = this.compare(o, sub, path);
          if (this.isCompatible(branch)) return [...branch, at(path, "SUM_TYPE_EXTENDED")];
        }
      }
    } else if (o.kind === "combined" && u.kind !== "combined") {
      if (o.subschemas.length === 1) {
        const single = this.compare(o.subschemas[0], u, path);
        if (this.isCompatible(single)) return single;
      } else if (o.criterion === "allOf") {
        for (const sub of o.subschemas) {
          const part = this.compare(sub, u, path);
          if (this.isCompatible(part)) return [...part, at(path, "PRODUCT_TYPE_NARROWED")];
        }
      }
    }
    if (o.kind !== u.kind) {
      // true is the empty schema; false accepts nothing, so nothing was written with it.
      const updateAcceptsAll = u.kind === "empty" || u.kind === "true";
      return o.kind === "false" || updateAcceptsAll ? [] : [at(path, "TYPE_CHANGED")];
    }
    const diffs: Diffs = [];
    if (o.meta.id !== u.meta.id) diffs.push(at(path, "ID_CHANGED"));
    if (o.meta.title !== u.meta.title) diffs.push(at(path, "TITLE_CHANGED"));
    if (o.meta.description !== u.meta.description) diffs.push(at(path, "DESCRIPTION_CHANGED"));
    if (o.meta.default !== u.meta.default) diffs.push(at(path, "DEFAULT_CHANGED"));
    switch (o.kind) {
      case "string":
        return [...diffs, ...this.compareString(o, u as typeof o, path)];
      case "number":
        return [...diffs, ...this.compareNumber(o, u as typeof o, path)];
      case "enum":
        return [...diffs, ...compareValues(o.values, (u as typeof o).values, [...path, "enum"])];
      case "const":
        return [...diffs, ...(o.value !== (u as typeof o).value ? [at([...path, "const"], "ENUM_ARRAY_CHANGED")] : [])];
      case "combined":
        return [...diffs, ...this.compareCombined(o, u as typeof o, path)];
      case "not": {
        // The wrapped schemas swap roles: a narrower `not` accepts more.
        const inner = this.compare((u as typeof o).schema, o.schema, [...path, "not"]);
        return [...diffs, at([...path, "not"], this.isCompatible(inner) ? "NOT_TYPE_NARROWED" : "NOT_TYPE_EXTENDED")];
      }
      case "object":
        return [...diffs, ...this.compareObject(o, u as typeof o, path)];
      case "array":
        return [...diffs, ...this.compareArray(o, u as typeof o, path)];
      default:
        return diffs;
    }
  }

  private compareString(o: Extract<Node, { kind: "string" }>, u: Extract<Node, { kind: "string" }>, path: string[]): Diffs {
    const diffs = [...bound(o.maxLength, u.maxLength, [...path, "maxLength"], "MAX_LENGTH"), ...bound(o.minLength, u.minLength, [...path, "minLength"], "MIN_LENGTH")];
    if (o.pattern === undefined && u.pattern !== undefined) diffs.push(at([...path, "pattern"], "PATTERN_ADDED"));
    else if (o.pattern !== undefined && u.pattern === undefined) diffs.push(at([...path, "pattern"], "PATTERN_REMOVED"));
    else if (o.pattern !== u.pattern) diffs.push(at([...path, "pattern"], "PATTERN_CHANGED"));
    return diffs;
  }

  private compareNumber(o: Extract<Node, { kind: "number" }>, u: Extract<Node, { kind: "number" }>, path: string[]): Diffs {
    const diffs = [
      ...bound(o.maximum, u.maximum, [...path, "maximum"], "MAXIMUM"),
      ...bound(o.minimum, u.minimum, [...path, "minimum"], "MINIMUM"),
      ...bound(o.exclusiveMaximum, u.exclusiveMaximum, [...path, "exclusiveMaximum"], "EXCLUSIVE_MAXIMUM"),
      ...bound(o.exclusiveMinimum, u.exclusiveMinimum, [...path, "exclusiveMinimum"], "EXCLUSIVE_MINIMUM"),
    ];
    if (o.multipleOf !== u.multipleOf) {
      const where = [...path, "multipleOf"];
      if (o.multipleOf === undefined) diffs.push(at(where, "MULTIPLE_OF_ADDED"));
      else if (u.multipleOf === undefined) diffs.push(at(where, "MULTIPLE_OF_REMOVED"));
      else if (isMultiple(u.multipleOf, o.multipleOf)) diffs.push(at(where, "MULTIPLE_OF_EXPANDED"));
      else if (isMultiple(o.multipleOf, u.multipleOf)) diffs.push(at(where, "MULTIPLE_OF_REDUCED"));
      else diffs.push(at(where, "MULTIPLE_OF_CHANGED"));
    }
    if (o.integer !== u.integer) diffs.push(at(path, o.integer ? "TYPE_EXTENDED" : "TYPE_NARROWED"));
    return diffs;
  }

  private compareCombined(o: Extract<Node, { kind: "combined" }>, u: Extract<Node, { kind: "combined" }>, path: string[]): Diffs {
    const diffs: Diffs = [];
    let criterionChange: DifferenceType | null = null;
    if (o.criterion !== u.criterion) {
      if (u.criterion === "anyOf") criterionChange = "COMBINED_TYPE_EXTENDED";
      else if (u.criterion === "oneOf") criterionChange = o.subschemas.length === 1 ? "COMBINED_TYPE_EXTENDED" : "COMBINED_TYPE_CHANGED";
      else criterionChange = o.subschemas.length === 1 && u.subschemas.length === 1 ? "COMBINED_TYPE_EXTENDED" : "COMBINED_TYPE_CHANGED";
      diffs.push(at(path, criterionChange));
      if (criterionChange === "COMBINED_TYPE_CHANGED") return diffs;
    }
    const [originalSize, updateSize] = [o.subschemas.length, u.subschemas.length];
    if (originalSize < updateSize) diffs.push(at(path, u.criterion === "allOf" ? "PRODUCT_TYPE_EXTENDED" : "SUM_TYPE_EXTENDED"));
    else if (originalSize > updateSize) diffs.push(at(path, u.criterion === "allOf" ? "PRODUCT_TYPE_NARROWED" : "SUM_TYPE_NARROWED"));
    // Every compatible pairing of an original alternative with an update alternative; the largest matching must cover the smaller side.
    const edges = o.subschemas.map((sub, i) =>
      u.subschemas.map((other) => {
        const pair = this.compare(sub, other, [...path, `${o.criterion}`, String(i)]);
        return this.isCompatible(pair) ? pair : null;
      }),
    );
    const matching = maximumMatching(edges.map((row) => row.map((e) => e !== null)));
    for (const [i, j] of matching) diffs.push(...edges[i][j]!);
    if (matching.length < Math.min(originalSize, updateSize)) diffs.push(at(path, "COMBINED_TYPE_SUBSCHEMAS_CHANGED"));
    return diffs;
  }

  private compareObject(o: Extract<Node, { kind: "object" }>, u: Extract<Node, { kind: "object" }>, path: string[]): Diffs {
    const diffs: Diffs = [];
    for (const key of o.properties.keys()) {
      if (!u.properties.has(key)) continue;
      const where = [...path, "required", key];
      const [before, after] = [o.required.has(key), u.required.has(key)];
      if (before && !after) diffs.push(at(where, "REQUIRED_ATTRIBUTE_REMOVED"));
      else if (!before && after) diffs.push(at(where, deref(u.properties.get(key)!).meta.hasDefault || u.properties.get(key)!.meta.hasDefault ? "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED" : "REQUIRED_ATTRIBUTE_ADDED"));
    }
    for (const key of new Set([...o.properties.keys(), ...u.properties.keys()])) {
      const where = [...path, "properties", key];
      const [originalSchema, updateSchema] = [o.properties.get(key) ?? null, u.properties.get(key) ?? null];
      if (!updateSchema) {
        // Only the update's content model decides whether a property may go.
        if (isOpenObject(u)) diffs.push(at(where, "PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL"));
        else {
          const partial = partialSchemaFor(u, key);
          if (partial) {
            const covered = this.compare(originalSchema, partial, where);
            diffs.push(...covered, at(where, this.isCompatible(covered) ? "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
          } else diffs.push(at(where, deref(originalSchema!).kind === "false" ? "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"));
        }
      } else if (!originalSchema) {
        const required = u.required.has(key);
        const withDefault = updateSchema.meta.hasDefault || deref(updateSchema).meta.hasDefault;
        // Only the original's content model decides whether a property may come.
        if (isOpenObject(o)) {
          const kind = deref(updateSchema).kind;
          // Confluent reports all three as PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL; telling them apart lets the lenient policy accept only optional ones.
          if (kind === "empty" || kind === "true") diffs.push(at(where, "PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL"));
          else diffs.push(at(where, !required ? "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL" : withDefault ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL" : "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL"));
        } else {
          const partial = partialSchemaFor(o, key);
          if (partial) {
            const covered = this.compare(partial, updateSchema, where);
            diffs.push(...covered, at(where, this.isCompatible(covered) ? "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
          }
          diffs.push(at(where, !required ? "OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL" : withDefault ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL" : "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"));
        }
      } else diffs.push(...this.compare(originalSchema, updateSchema, where));
    }
    for (const key of new Set([...o.propertyDependencies.keys(), ...u.propertyDependencies.keys()])) {
      const where = [...path, "dependencies", key];
      const [before, after] = [o.propertyDependencies.get(key), u.propertyDependencies.get(key)];
      if (!after) diffs.push(at(where, "DEPENDENCY_ARRAY_REMOVED"));
      else if (!before) diffs.push(at(where, "DEPENDENCY_ARRAY_ADDED"));
      else if (!sameSet(before, after)) diffs.push(at(where, contains(after, before) ? "DEPENDENCY_ARRAY_EXTENDED" : contains(before, after) ? "DEPENDENCY_ARRAY_NARROWED" : "DEPENDENCY_ARRAY_CHANGED"));
    }
    for (const key of new Set([...o.schemaDependencies.keys(), ...u.schemaDependencies.keys()])) {
      const where = [...path, "dependencies", key];
      const [before, after] = [o.schemaDependencies.get(key), u.schemaDependencies.get(key)];
      if (!after) diffs.push(at(where, "DEPENDENCY_SCHEMA_REMOVED"));
      else if (!before) diffs.push(at(where, "DEPENDENCY_SCHEMA_ADDED"));
      else diffs.push(...this.compare(before, after, where));
    }
    diffs.push(...this.compareAdditionalProperties(o.additional, u.additional, [...path, "additionalProperties"]));
    diffs.push(...bound(o.maxProperties, u.maxProperties, [...path, "maxProperties"], "MAX_PROPERTIES"), ...bound(o.minProperties, u.minProperties, [...path, "minProperties"], "MIN_PROPERTIES"));
    return diffs;
  }

  private compareAdditionalProperties(o: Additional, u: Additional, where: string[]): Diffs {
    if (o.permits !== u.permits) return [at(where, u.permits ? "ADDITIONAL_PROPERTIES_ADDED" : "ADDITIONAL_PROPERTIES_REMOVED")];
    if (!o.schema && u.schema) return [at(where, "ADDITIONAL_PROPERTIES_NARROWED")];
    if (o.schema && !u.schema) return [at(where, "ADDITIONAL_PROPERTIES_EXTENDED")];
    return this.compare(o.schema, u.schema, where);
  }

  private compareArray(o: Extract<Node, { kind: "array" }>, u: Extract<Node, { kind: "array" }>, path: string[]): Diffs {
    const diffs: Diffs = [...this.compare(o.items, u.items, [...path, "items"])];
    const shared = Math.min(o.itemSchemas.length, u.itemSchemas.length);
    for (let i = 0; i < shared; i++) diffs.push(...this.compare(o.itemSchemas[i], u.itemSchemas[i], [...path, "items", String(i)]));
    for (let i = shared; i < o.itemSchemas.length; i++) {
      const where = [...path, "items", String(i)];
      if (isOpenArray(u)) diffs.push(at(where, "ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL"));
      else {
        const partial = partialItemSchema(u);
        if (partial) {
          const covered = this.compare(o.itemSchemas[i], partial, where);
          diffs.push(...covered, at(where, this.isCompatible(covered) ? "ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
        } else diffs.push(at(where, deref(o.itemSchemas[i]).kind === "false" ? "ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL" : "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL"));
      }
    }
    for (let i = shared; i < u.itemSchemas.length; i++) {
      const where = [...path, "items", String(i)];
      if (isOpenArray(o)) {
        const kind = deref(u.itemSchemas[i]).kind;
        diffs.push(at(where, kind === "empty" || kind === "true" ? "ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL" : "ITEM_ADDED_TO_OPEN_CONTENT_MODEL"));
      } else {
        const partial = partialItemSchema(o);
        if (partial) {
          const covered = this.compare(partial, u.itemSchemas[i], where);
          diffs.push(...covered, at(where, this.isCompatible(covered) ? "ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL" : "ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"));
        } else diffs.push(at(where, "ITEM_ADDED_TO_CLOSED_CONTENT_MODEL"));
      }
    }
    const itemsWhere = [...path, "additionalItems"];
    if (o.additional.permits !== u.additional.permits) diffs.push(at(itemsWhere, o.additional.permits ? "ADDITIONAL_ITEMS_REMOVED" : "ADDITIONAL_ITEMS_ADDED"));
    else if (!o.additional.schema && u.additional.schema) diffs.push(at(itemsWhere, "ADDITIONAL_ITEMS_NARROWED"));
    else if (o.additional.schema && !u.additional.schema) diffs.push(at(itemsWhere, "ADDITIONAL_ITEMS_EXTENDED"));
    else diffs.push(...this.compare(o.additional.schema, u.additional.schema, itemsWhere));
    diffs.push(...this.compareUnevaluated(o.unevaluated, u.unevaluated, [...path, "unevaluatedItems"]));
    diffs.push(...bound(o.maxItems, u.maxItems, [...path, "maxItems"], "MAX_ITEMS"), ...bound(o.minItems, u.minItems, [...path, "minItems"], "MIN_ITEMS"));
    if (o.uniqueItems !== u.uniqueItems) diffs.push(at([...path, "uniqueItems"], o.uniqueItems ? "UNIQUE_ITEMS_REMOVED" : "UNIQUE_ITEMS_ADDED"));
    diffs.push(...bound(o.maxContains, u.maxContains, [...path, "maxContains"], "MAX_CONTAINS"), ...bound(o.minContains, u.minContains, [...path, "minContains"], "MIN_CONTAINS"));
    return diffs;
  }

  private compareUnevaluated(o: Node | null, u: Node | null, where: string[]): Diffs {
    if (!o && !u) return [];
    const kind = (n: Node) => deref(n).kind;
    const accepts = (n: Node) => kind(n) === "empty" || kind(n) === "true";
    if (!o) return [at(where, kind(u!) === "false" ? "UNEVALUATED_ITEMS_REMOVED" : "UNEVALUATED_ITEMS_NARROWED")];
    if (!u) return [at(where, kind(o) === "false" ? "UNEVALUATED_ITEMS_ADDED" : "UNEVALUATED_ITEMS_EXTENDED")];
    if (kind(o) === "false" && kind(u) !== "false") return [at(where, "UNEVALUATED_ITEMS_ADDED")];
    if (kind(o) !== "false" && kind(u) === "false") return [at(where, "UNEVALUATED_ITEMS_REMOVED")];
    if (accepts(o) && !accepts(u)) return [at(where, "UNEVALUATED_ITEMS_NARROWED")];
    if (!accepts(o) && accepts(u)) return [at(where, "UNEVALUATED_ITEMS_EXTENDED")];
    return this.compare(o, u, where);
  }
}

function deref(node: Node): Node {
  let current = node;
  for (let hops = 0; current.kind === "ref" && hops < 64; hops++) current = current.target();
  return current.kind === "ref" ? { kind: "empty", meta: current.meta } : current;
}

/** An upper or lower bound's change: ADDED, REMOVED, INCREASED or DECREASED. */
function bound(before: number | undefined, after: number | undefined, where: string[], name: string): Diffs {
  if (before === after) return [];
  if (before === undefined) return [at(where, `${name}_ADDED`)];
  if (after === undefined) return [at(where, `${name}_REMOVED`)];
  return [at(where, `${name}_${before < after ? "INCREASED" : "DECREASED"}`)];
}

function compareValues(before: string[], after: string[], where: string[]): Diffs {
  const [b, a] = [new Set(before), new Set(after)];
  if (sameSet(b, a)) return [];
  return [at(where, contains(a, b) ? "ENUM_ARRAY_EXTENDED" : contains(b, a) ? "ENUM_ARRAY_NARROWED" : "ENUM_ARRAY_CHANGED")];
}

/** Is `value` a whole multiple of `step`? Decimal steps are compared exactly (0.1 divides 0.3). */
function isMultiple(value: number, step: number): boolean {
  if (step === 0) return false;
  const scale = 10 ** Math.max(decimals(value), decimals(step));
  return Math.round(value * scale) % Math.round(step * scale) === 0;
}

function decimals(n: number): number {
  const text = String(n);
  if (text.includes("e-")) return Number(text.split("e-")[1]);
  return text.includes(".") ? text.split(".")[1].length : 0;
}

const sameSet = <T>(a: Set<T>, b: Set<T>) => a.size === b.size && contains(a, b);
const contains = <T>(outer: Set<T>, inner: Set<T>) => [...inner].every((v) => outer.has(v));

const isOpenObject = (n: Extract<Node, { kind: "object" }>) => n.patternProperties.length === 0 && !n.additional.schema && n.additional.permits;
const partialSchemaFor = (n: Extract<Node, { kind: "object" }>, key: string) => n.patternProperties.find(([pattern]) => pattern.test(key))?.[1] ?? n.additional.schema;

function isOpenArray(n: Extract<Node, { kind: "array" }>): boolean {
  if (!n.additional.permits || n.additional.schema) return false;
  return !n.unevaluated || ["empty", "true"].includes(deref(n.unevaluated).kind);
}

function partialItemSchema(n: Extract<Node, { kind: "array" }>): Node | null {
  if (n.additional.schema) return n.additional.schema;
  if (n.additional.permits && n.unevaluated && !["false", "empty", "true"].includes(deref(n.unevaluated).kind)) return n.unevaluated;
  return null;
}

/** A maximum bipartite matching (Kuhn's augmenting paths) over `edges[i][j]`; alternatives are few. */
function maximumMatching(edges: boolean[][]): [number, number][] {
  const owner = new Map<number, number>();
  const augment = (i: number, seen: Set<number>): boolean => {
    for (let j = 0; j < (edges[i]?.length ?? 0); j++) {
      if (!edges[i][j] || seen.has(j)) continue;
      seen.add(j);
      const current = owner.get(j);
      if (current === undefined || augment(current, seen)) {
        owner.set(j, i);
        return true;
      }
    }
    return false;
  };
  edges.forEach((_, i) => augment(i, new Set()));
  return [...owner.entries()].map(([j, i]) => [i, j]);
}

/** Confluent's SchemaDiff.compare(original, update): every difference, compatible or not. */
export function diffJsonSchemas(original: unknown, update: unknown, compatible: ReadonlySet<DifferenceType> = STRICT_COMPATIBLE_CHANGES): Difference[] {
  return new Comparison(compatible).compare(load(original), load(update), []);
}
