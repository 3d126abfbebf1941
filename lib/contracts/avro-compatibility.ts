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
  const [next, previous] = parsed as AnyType[];
  const [reader, writer] = direction === "backward" ? [next, previous] : [previous, next];
  const verdict = resolve(reader, writer);
  if (verdict === true) return [];
  const reasons = explain(reader, writer, "", direction);
  return reasons.length > 0 ? reasons : [`the ${direction === "backward" ? "new schema cannot read data written with the previous one" : "previous schema cannot read data written with the new one"}: ${verdict}`];
}

function parse(schema: unknown, which: string): AnyType | string {
  try {
    return avro.Type.forSchema(schema as avro.Schema) as AnyType;
  } catch (error) {
    return `the ${which} schema is not valid Avro: ${(error as Error).message}`;
  }
}

function resolve(reader: AnyType, writer: AnyType): true | string {
  try {
    reader.createResolver(writer);
    return true;
  } catch (error) {
    return (error as Error).message;
  }
}

function explain(reader: AnyType, writer: AnyType, path: string, direction: Direction): string[] {
  if (resolve(reader, writer) === true) return [];
  const kind = (t: AnyType) => (t.typeName.startsWith("union") ? "union" : t.typeName);
  const at = path === "" ? "" : `field "${path}": `;
  const [before, after] = direction === "backward" ? [writer, reader] : [reader, writer];
  if (kind(writer) === "union" && kind(reader) === "union") return explainUnions(reader, writer, path, direction);
  if (kind(writer) === "union" && kind(reader) !== "union") {
    const unreadable = writer.types!.filter((branch) => resolve(reader, branch) !== true);
    if (unreadable.length === 1 && unreadable[0].typeName === "null") return [direction === "backward" ? `${at}is no longer optional (null was removed)` : `${at}became optional (null was added); readers of the previous schema cannot read null`];
  }
  if (kind(reader) === "union" && kind(writer) !== "union") {
    const close = reader.types!.find((r) => kind(r) === kind(writer) && r.name === writer.name);
    if (close) return explain(close, writer, path, direction);
  }
  if (kind(reader) !== kind(writer) || (reader.name && writer.name && !sameName(reader, writer))) {
    return [typeChange(at, before, after, reader, writer, direction)];
  }
  switch (kind(reader)) {
    case "record":
      return explainRecord(reader, writer, path, direction);
    case "enum":
      return explainEnum(reader, writer, at, direction);
    case "array":
      return explain(reader.itemsType!, writer.itemsType!, `${path}[]`, direction);
    case "map":
      return explain(reader.valuesType!, writer.valuesType!, `${path}{}`, direction);
    case "fixed":
      return [`${at}fixed size changed from ${before.size} to ${after.size}`];
    default:
      return [typeChange(at, before, after, reader, writer, direction)];
  }
}

function explainUnions(reader: AnyType, writer: AnyType, path: string, direction: Direction): string[] {
  const at = path === "" ? "" : `field "${path}": `;
  const unreadable = writer.types!.filter((branch) => !reader.types!.some((r) => resolve(r, branch) === true));
  const [readerValue, writerValue] = [reader, writer].map((u) => u.types!.filter((t) => t.typeName !== "null"));
  // An optional field is ["null", T]: a change of T is a type change, not a union change.
  if (readerValue.length === 1 && writerValue.length === 1 && unreadable.includes(writerValue[0])) return explain(readerValue[0], writerValue[0], path, direction);
  return unreadable.flatMap((branch) => {
    const counterpart = reader.types!.find((r) => r.typeName === branch.typeName && r.name === branch.name);
    if (counterpart) return explain(counterpart, branch, path, direction);
    return direction === "backward" ? [`${at}union branch ${display(branch)} was removed`] : [`${at}union branch ${display(branch)} was added; readers of the previous schema cannot read it`];
  });
}

function explainRecord(reader: AnyType, writer: AnyType, path: string, direction: Direction): string[] {
  const reasons: string[] = [];
  const prefix = path === "" ? "" : `${path}.`;
  for (const field of reader.fields!) {
    const source = writer.fields!.find((w) => w.name === field.name || field.aliases.includes(w.name));
    const name = `${prefix}${field.name}`;
    if (source) {
      reasons.push(...explain(field.type as AnyType, source.type as AnyType, name, direction));
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
