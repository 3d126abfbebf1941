/*
 * JSON Schema compatibility, treating a schema as the set of documents it accepts. A reader can read
 * a writer's data when every document the writer accepts is accepted by the reader. BACKWARD: the
 * new schema is the reader of data written under the previous one; FORWARD: the previous schema is
 * the reader of data written under the new one. One rule per line (reader R, writer W):
 * 1. type: every type W allows must be allowed by R; integer is accepted by number (integer → number widens).
 * 2. null: W allowing null where R does not is reported as a nullability change.
 * 3. enum/const: every value W allows must be in R's enum; R gaining an enum W did not have narrows.
 * 4. required: every property R requires must be required by W (adding a required property, or dropping one).
 * 5. properties both declare are compared recursively (nested objects and arrays recurse).
 * 6. a property W declares but R does not is refused when R is closed (additionalProperties: false),
 *    checked against R's additionalProperties when that is a schema, and accepted when R is open.
 * 7. a property R declares but W does not is accepted: W's open documents are assumed not to carry it
 *    (unlike Confluent, which refuses it; else no optional property could ever be added to an open schema).
 * 8. additionalProperties (and unevaluatedProperties): R closed while W is open is refused.
 * 9. items: R's item schema must accept W's item schema; R adding an item schema W lacked is checked against {}.
 * 10. lower bounds (minimum, exclusiveMinimum, minLength, minItems, minProperties) may not rise or appear.
 * 11. upper bounds (maximum, exclusiveMaximum, maxLength, maxItems, maxProperties) may not fall or appear.
 * 12. pattern, format and multipleOf in R must be absent or equal to W's; uniqueItems may not be switched on.
 * 13. anyOf/oneOf: each alternative of W must be accepted by R, or by one of R's alternatives (the closest one's reasons
 *     are given); every part of R's allOf applies; W's allOf parts are merged.
 * 14. local $ref (#/...) are followed; other keywords R uses (not, if/then/else, patternProperties,
 *     dependentSchemas, propertyNames, prefixItems, contains) must be identical in W, else the change is refused.
 * 15. boolean schemas: true and {} accept everything; a false writer writes nothing; a false reader reads nothing.
 */

export type Direction = "backward" | "forward";

type Schema = Record<string, unknown>;
type Side = { root: unknown; schema: unknown };
type Context = { direction: Direction; readerRoot: unknown; writerRoot: unknown; depth: number };

const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];
const EXACT = ["pattern", "format", "multipleOf"];
const OPAQUE = ["not", "if", "then", "else", "patternProperties", "dependentSchemas", "dependentRequired", "propertyNames", "prefixItems", "contains"];
const MAX_DEPTH = 64;

/** Reasons why the reader cannot read the writer's data, worded as changes from the previous schema to the new one. */
export function checkJsonSchemaCompatibility(newSchema: unknown, previousSchema: unknown, direction: Direction): string[] {
  const [reader, writer] = direction === "backward" ? [newSchema, previousSchema] : [previousSchema, newSchema];
  return compare(reader, writer, "", { direction, readerRoot: reader, writerRoot: writer, depth: 0 });
}

function compare(readerIn: unknown, writerIn: unknown, path: string, ctx: Context): string[] {
  if (ctx.depth > MAX_DEPTH) return [];
  const next = { ...ctx, depth: ctx.depth + 1 };
  const reader = deref({ root: ctx.readerRoot, schema: readerIn });
  const writer = deref({ root: ctx.writerRoot, schema: writerIn });
  const at = path === "" ? "" : `property "${path}": `;
  if (reader === true || isEmpty(reader) || writer === false) return [];
  if (reader === false) return [`${at}${ctx.direction === "backward" ? "the new schema" : "the previous schema"} accepts nothing here`];
  const r = reader as Schema;
  const w = (writer === true ? {} : writer) as Schema;

  if (Array.isArray(w.anyOf) || Array.isArray(w.oneOf)) {
    const { anyOf, oneOf, ...rest } = w;
    const branches = ((anyOf ?? oneOf) as unknown[]).map((b) => ({ ...rest, ...(deref({ root: ctx.writerRoot, schema: b }) as Schema) }));
    return unique(branches.flatMap((b) => compare(r, b, path, next)));
  }
  if (Array.isArray(r.anyOf) || Array.isArray(r.oneOf)) {
    const { anyOf, oneOf, ...rest } = r;
    const attempts = ((anyOf ?? oneOf) as unknown[]).map((b) => compare({ ...rest, ...(deref({ root: ctx.readerRoot, schema: b }) as Schema) }, w, path, next));
    if (attempts.some((a) => a.length === 0)) return [];
    return attempts.sort((a, b) => a.length - b.length)[0];
  }
  if (Array.isArray(r.allOf)) {
    const { allOf, ...rest } = r;
    return unique([rest, ...(allOf as unknown[])].flatMap((part) => compare(part, w, path, next)));
  }
  const writerMerged = Array.isArray(w.allOf) ? mergeAllOf(w, ctx.writerRoot) : w;
  return [
    ...compareOpaque(r, writerMerged, at),
    ...compareShape(r, writerMerged, path, at, next),
  ];
}

function compareShape(r: Schema, w: Schema, path: string, at: string, ctx: Context): string[] {
  const typeProblems = compareTypes(r, w, at, ctx.direction);
  if (typeProblems.fatal) return typeProblems.messages;
  const messages = [...typeProblems.messages, ...compareEnums(r, w, at, ctx.direction), ...compareBounds(r, w, at)];
  messages.push(...compareObjects(r, w, path, at, ctx));
  if (r.items !== undefined && r.items !== true) messages.push(...compare(r.items, w.items ?? true, `${path}[]`, ctx));
  return messages;
}

function compareTypes(r: Schema, w: Schema, at: string, direction: Direction): { fatal: boolean; messages: string[] } {
  const readerTypes = typesOf(r);
  if (!readerTypes) return { fatal: false, messages: [] };
  const writerTypes = typesOf(w) ?? ["any"];
  const accepts = (t: string) => readerTypes.includes(t) || (t === "integer" && readerTypes.includes("number"));
  const missing = writerTypes.filter((t) => !accepts(t));
  if (missing.length === 0) return { fatal: false, messages: [] };
  const [before, after] = direction === "backward" ? [writerTypes, readerTypes] : [readerTypes, writerTypes];
  if (missing.length === 1 && missing[0] === "null") {
    return { fatal: false, messages: [direction === "backward" ? `${at}no longer accepts null` : `${at}now accepts null, which the previous schema refuses`] };
  }
  const overlap = writerTypes.some(accepts);
  const show = (types: string[]) => (types.includes("any") ? "any type" : types.join(" or "));
  const widened = direction === "forward" && before.includes("integer") && after.includes("number") && !before.includes("number");
  return { fatal: !overlap, messages: [`${at}type ${widened ? "widened" : "changed"} from ${show(before)} to ${show(after)}`] };
}

function compareEnums(r: Schema, w: Schema, at: string, direction: Direction): string[] {
  const readerValues = valuesOf(r);
  if (!readerValues) return [];
  const writerValues = valuesOf(w);
  if (!writerValues) return [direction === "backward" ? `${at}values were restricted to ${readerValues.join(", ")}` : `${at}the value restriction ${readerValues.join(", ")} was lifted`];
  const extra = writerValues.filter((v) => !readerValues.includes(v));
  const word = direction === "backward" ? "removed" : "added";
  return extra.map((v) => `${at}enum value ${v} was ${word}`);
}

function compareBounds(r: Schema, w: Schema, at: string): string[] {
  const changed = (key: string) => `${at}${key} changed from ${String(w[key] ?? "none")} to ${String(r[key] ?? "none")}`;
  const messages: string[] = [];
  for (const key of LOWER_BOUNDS) if (typeof r[key] === "number" && !(typeof w[key] === "number" && (w[key] as number) >= (r[key] as number))) messages.push(changed(key));
  for (const key of UPPER_BOUNDS) if (typeof r[key] === "number" && !(typeof w[key] === "number" && (w[key] as number) <= (r[key] as number))) messages.push(changed(key));
  for (const key of EXACT) if (r[key] !== undefined && r[key] !== w[key]) messages.push(changed(key));
  if (r.uniqueItems === true && w.uniqueItems !== true) messages.push(changed("uniqueItems"));
  return messages;
}

function compareObjects(r: Schema, w: Schema, path: string, at: string, ctx: Context): string[] {
  const messages: string[] = [];
  const prefix = path === "" ? "" : `${path}.`;
  const readerProps = (r.properties ?? {}) as Schema;
  const writerProps = (w.properties ?? {}) as Schema;
  const writerRequired = new Set((w.required ?? []) as string[]);
  for (const name of (r.required ?? []) as string[]) {
    if (writerRequired.has(name)) continue;
    const declaredByWriter = name in writerProps;
    if (ctx.direction === "backward") messages.push(declaredByWriter ? `property "${prefix}${name}" is now required` : `required property "${prefix}${name}" was added`);
    else messages.push(declaredByWriter ? `property "${prefix}${name}" is no longer required` : `required property "${prefix}${name}" was removed`);
  }
  for (const [name, writerProp] of Object.entries(writerProps)) {
    if (name in readerProps) {
      messages.push(...compare(readerProps[name], writerProp, `${prefix}${name}`, ctx));
      continue;
    }
    const extra = r.additionalProperties ?? r.unevaluatedProperties;
    if (extra === false) {
      messages.push(ctx.direction === "backward" ? `property "${prefix}${name}" was removed, and the new schema does not allow additional properties` : `property "${prefix}${name}" was added, but the previous schema does not allow additional properties`);
    } else if (extra !== undefined && extra !== true) {
      messages.push(...compare(extra, writerProp, `${prefix}${name}`, ctx));
    }
  }
  for (const key of ["additionalProperties", "unevaluatedProperties"]) {
    if (r[key] === false && w[key] !== false && !(key === "unevaluatedProperties" && w.additionalProperties === false)) {
      messages.push(`${at}${key} ${ctx.direction === "backward" ? "was closed (the previous schema allowed extra properties, the new one does not)" : "was opened (the previous schema does not allow extra properties)"}`);
    } else if (isSchema(r[key]) && w[key] !== false) {
      messages.push(...compare(r[key], isSchema(w[key]) ? w[key] : true, `${prefix}*`, ctx));
    }
  }
  return messages;
}

function compareOpaque(r: Schema, w: Schema, at: string): string[] {
  return OPAQUE.filter((key) => r[key] !== undefined && JSON.stringify(r[key]) !== JSON.stringify(w[key])).map((key) => `${at}"${key}" changed; Meshwork cannot prove the change compatible`);
}

function typesOf(schema: Schema): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : undefined);
  if (Array.isArray(values)) return unique(values.map(jsonType));
  return undefined;
}

function valuesOf(schema: Schema): string[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v));
  if (schema.const !== undefined) return [JSON.stringify(schema.const)];
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function deref(side: Side): unknown {
  let schema = side.schema;
  for (let hops = 0; hops < 32 && isSchema(schema) && typeof schema.$ref === "string" && schema.$ref.startsWith("#"); hops++) {
    const { $ref, ...rest } = schema;
    const target = ($ref as string)
      .slice(1)
      .split("/")
      .filter(Boolean)
      .map((part) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, part) => (isSchema(node) ? node[part] : undefined), side.root);
    if (target === undefined) return schema;
    schema = isSchema(target) ? { ...target, ...rest } : target;
  }
  return schema;
}

function mergeAllOf(schema: Schema, root: unknown): Schema {
  const { allOf, ...rest } = schema;
  return (allOf as unknown[]).map((part) => deref({ root, schema: part })).filter(isSchema).reduce<Schema>(
    (merged, part) => ({
      ...part,
      ...merged,
      properties: { ...((part.properties ?? {}) as Schema), ...((merged.properties ?? {}) as Schema) },
      required: unique([...((merged.required ?? []) as string[]), ...((part.required ?? []) as string[])]),
    }),
    rest,
  );
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (!isSchema(value)) return false;
  const meaningful = Object.keys(value).filter((k) => !["$schema", "$id", "title", "description", "$comment", "examples", "default", "$defs", "definitions", "deprecated", "readOnly", "writeOnly"].includes(k));
  return meaningful.length === 0;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
