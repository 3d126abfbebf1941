import avro from "avsc";

export type Direction = "backward" | "forward";

type AnyType = avro.Type & {
  fields?: avro.types.Field[];
  symbols?: string[];
  types?: AnyType[];
  itemsType?: AnyType;
  valuesType?: AnyType;
  size?: number;
  default?: unknown;
};

// Avro's promotions (spec, "Schema Resolution"): the writer's type on the left is readable as the reader's on the right.
const PROMOTIONS: Record<string, string[]> = { int: ["long", "float", "double"], long: ["float", "double"], float: ["double"], string: ["bytes"], bytes: ["string"] };

/**
 * Can `reader` read data written with `writer`? avsc's resolver gives the verdict (it throws
 * when it cannot resolve); walking the two schemas turns a failure into exact reasons, worded
 * as a change from the previous schema to the new one. `backward`: the new schema is the reader;
 * `forward`: the previous one is.
 */
export function checkAvroCompatibility(newSchema: unknown, previousSchema: unknown, direction: Direction): string[] {
  const parsed = [parse(newSchema, "new"), parse(previousSchema, "previous")];
  const failed = parsed.filter((p): p is string => typeof p === "string");
  if (failed.length > 0) return failed;
  const [readerSchema, writerSchema] = direction === "backward" ? [newSchema, previousSchema] : [previousSchema, newSchema];
  // The empty union has no values: nothing was written with it, and nothing can be read with it.
  if (isEmptyUnion(writerSchema)) return [];
  if (isEmptyUnion(readerSchema)) return [`${direction === "backward" ? "the new schema" : "the previous schema"} is the empty union, which reads no values`];
  const [reader, writer] = [readerSchema, writerSchema].map((schema) => parseForResolution(schema)) as AnyType[];
  const verdict = resolve(reader, writer);
  if (verdict === true) return [];
  const reasons = explain(reader, writer, "", direction, new Map());
  return reasons.length > 0 ? reasons : [`the ${direction === "backward" ? "new schema cannot read data written with the previous one" : "previous schema cannot read data written with the new one"}: ${verdict}`];
}

/** Parses an Avro schema as Avro does, which (unlike avsc) allows the empty union `[]`, also inside other types. */
export function parseAvroSchema(schema: unknown): avro.Type {
  return avro.Type.forSchema(replaceEmptyUnions(schema) as avro.Schema);
}

function parse(schema: unknown, which: string): AnyType | string {
  try {
    return parseAvroSchema(schema) as AnyType;
  } catch (error) {
    return `the ${which} schema is not valid Avro: ${(error as Error).message}`;
  }
}

// Avro's SchemaCompatibility matches named types on their unqualified names (and the reader's aliases), while avsc
// compares full names: the schemas are resolved with every name reduced to its last part.
function parseForResolution(schema: unknown): AnyType {
  try {
    return parseAvroSchema(unqualified(schema)) as AnyType;
  } catch {
    // Two named types that differ only by namespace: keep the full names.
    return parseAvroSchema(schema) as AnyType;
  }
}

const NAMED = new Set(["record", "error", "enum", "fixed"]);
const lastPart = (name: unknown) => (typeof name === "string" ? shortName(name) : name);
const isEmptyUnion = (schema: unknown) => Array.isArray(schema) && schema.length === 0;

/** The same schema in type positions walked: `type`, `items`, `values`, union branches and record fields. */
function mapTypes(schema: unknown, visit: (schema: unknown) => unknown): unknown {
  const walk = (node: unknown): unknown => {
    const mapped = visit(node);
    if (Array.isArray(mapped)) return mapped.map(walk);
    if (typeof mapped !== "object" || mapped === null) return mapped;
    const copy: Record<string, unknown> = { ...(mapped as Record<string, unknown>) };
    if (typeof copy.type === "object" && copy.type !== null) copy.type = walk(copy.type);
    else if (typeof copy.type === "string" && !NAMED.has(copy.type) && !["array", "map"].includes(copy.type)) copy.type = walk(copy.type);
    if (copy.items !== undefined) copy.items = walk(copy.items);
    if (copy.values !== undefined) copy.values = walk(copy.values);
    if (Array.isArray(copy.fields)) copy.fields = copy.fields.map((field) => (typeof field === "object" && field !== null ? { ...field, type: walk((field as { type?: unknown }).type) } : field));
    return copy;
  };
  return walk(schema);
}

function unqualified(schema: unknown): unknown {
  return mapTypes(schema, (node) => {
    if (typeof node === "string") return lastPart(node);
    if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
    const named = node as Record<string, unknown>;
    if (!NAMED.has(named.type as string)) return node;
    const { namespace: _namespace, ...rest } = named;
    return { ...rest, name: lastPart(named.name), ...(Array.isArray(named.aliases) ? { aliases: named.aliases.map(lastPart) } : {}) };
  });
}

function replaceEmptyUnions(schema: unknown): unknown {
  let count = 0;
  return mapTypes(schema, (node) => (isEmptyUnion(node) ? { type: "fixed", name: `meshwork_empty_union_${++count}`, size: 0 } : node));
}

function resolve(reader: AnyType, writer: AnyType): true | string {
  try {
    reader.createResolver(writer);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

type Seen = Map<AnyType, Set<AnyType>>;

function explain(reader: AnyType, writer: AnyType, path: string, direction: Direction, seen: Seen): string[] {
  // A recursive type meets itself again: its reasons are already being collected further up.
  const pairs = seen.get(reader) ?? seen.set(reader, new Set()).get(reader)!;
  if (pairs.has(writer)) return [];
  pairs.add(writer);
  if (resolve(reader, writer) === true) return [];
  const kind = (t: AnyType) => (t.typeName.startsWith("union") ? "union" : t.typeName);
  const at = path === "" ? "" : `field "${path}": `;
  const [before, after] = direction === "backward" ? [writer, reader] : [reader, writer];
  if (kind(writer) === "union" && kind(reader) === "union") return explainUnions(reader, writer, path, direction, seen);
  if (kind(writer) === "union" && kind(reader) !== "union") {
    const unreadable = writer.types!.filter((branch) => resolve(reader, branch) !== true);
    if (unreadable.length === 1 && unreadable[0].typeName === "null") return [direction === "backward" ? `${at}is no longer optional (null was removed)` : `${at}became optional (null was added); readers of the previous schema cannot read null`];
  }
  if (kind(reader) === "union" && kind(writer) !== "union") {
    const close = reader.types!.find((r) => kind(r) === kind(writer) && r.name === writer.name);
    if (close) return explain(close, writer, path, direction, seen);
  }
  if (kind(reader) !== kind(writer) || (reader.name && writer.name && !sameName(reader, writer))) {
    return [typeChange(at, before, after, reader, writer, direction)];
  }
  switch (kind(reader)) {
    case "record":
      return explainRecord(reader, writer, path, direction, seen);
    case "enum":
      return explainEnum(reader, writer, at, direction);
    case "array":
      return explain(reader.itemsType!, writer.itemsType!, `${path}[]`, direction, seen);
    case "map":
      return explain(reader.valuesType!, writer.valuesType!, `${path}{}`, direction, seen);
    case "fixed":
      return [`${at}fixed size changed from ${before.size} to ${after.size}`];
    default:
      return [typeChange(at, before, after, reader, writer, direction)];
  }
}

function explainUnions(reader: AnyType, writer: AnyType, path: string, direction: Direction, seen: Seen): string[] {
  const at = path === "" ? "" : `field "${path}": `;
  const unreadable = writer.types!.filter((branch) => !reader.types!.some((r) => resolve(r, branch) === true));
  const [readerValue, writerValue] = [reader, writer].map((u) => u.types!.filter((t) => t.typeName !== "null"));
  // An optional field is ["null", T]: a change of T is a type change, not a union change.
  if (readerValue.length === 1 && writerValue.length === 1 && unreadable.includes(writerValue[0])) return explain(readerValue[0], writerValue[0], path, direction, seen);
  return unreadable.flatMap((branch) => {
    const counterpart = reader.types!.find((r) => r.typeName === branch.typeName && r.name === branch.name);
    if (counterpart) return explain(counterpart, branch, path, direction, seen);
    return direction === "backward" ? [`${at}union branch ${display(branch)} was removed`] : [`${at}union branch ${display(branch)} was added; readers of the previous schema cannot read it`];
  });
}

function explainRecord(reader: AnyType, writer: AnyType, path: string, direction: Direction, seen: Seen): string[] {
  const reasons: string[] = [];
  const prefix = path === "" ? "" : `${path}.`;
  for (const field of reader.fields!) {
    const source = writer.fields!.find((w) => w.name === field.name || field.aliases.includes(w.name));
    const name = `${prefix}${field.name}`;
    if (source) {
      reasons.push(...explain(field.type as AnyType, source.type as AnyType, name, direction, seen));
      continue;
    }
    if (field.defaultValue() !== undefined) continue;
    if (direction === "backward") {
      reasons.push(`field "${name}" was added without a default`);
    } else {
      const renamed = writer.fields!.find((w) => w.aliases.includes(field.name));
      reasons.push(
        renamed
          ? `field "${name}" was renamed to "${prefix}${renamed.name}"; readers of the previous schema do not know the new name and have no default for "${name}"`
          : `field "${name}" was removed, and the previous schema has no default for it`,
      );
    }
  }
  return reasons;
}

function explainEnum(reader: AnyType, writer: AnyType, at: string, direction: Direction): string[] {
  if (reader.default !== undefined) return [];
  const name = shortName(reader.name ?? "");
  return writer.symbols!
    .filter((symbol) => !reader.symbols!.includes(symbol))
    .map((symbol) =>
      direction === "backward"
        ? `${at}enum "${name}": symbol "${symbol}" was removed`
        : `${at}enum "${name}": symbol "${symbol}" was added, and the previous schema has no default symbol`,
    );
}

function typeChange(at: string, before: AnyType, after: AnyType, reader: AnyType, writer: AnyType, direction: Direction): string {
  const from = display(before);
  const to = display(after);
  if (from === to && before.name) return `${at}${from} changed incompatibly`;
  if (PROMOTIONS[after.typeName]?.includes(before.typeName)) return `${at}type narrowed from ${from} to ${to}`;
  if (direction === "forward" && PROMOTIONS[before.typeName]?.includes(after.typeName)) return `${at}type widened from ${from} to ${to}; readers of the previous schema cannot read ${to}`;
  if (reader.name && writer.name && reader.typeName === writer.typeName) return `${at}${reader.typeName} renamed from "${shortName(before.name!)}" to "${shortName(after.name!)}" without an alias`;
  return `${at}type changed from ${from} to ${to}`;
}

function sameName(reader: AnyType, writer: AnyType): boolean {
  return reader.name === writer.name || (reader.aliases ?? []).includes(writer.name!);
}

function display(type: AnyType): string {
  if (type.typeName.startsWith("union")) return `[${type.types!.map(display).join(", ")}]`;
  if (type.typeName === "array") return `array<${display(type.itemsType!)}>`;
  if (type.typeName === "map") return `map<${display(type.valuesType!)}>`;
  if (type.name) return `${type.typeName} "${shortName(type.name)}"`;
  return type.typeName;
}

function shortName(name: string): string {
  return name.split(".").at(-1) ?? name;
}
