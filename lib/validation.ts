import type { Document } from "yaml";
import { z } from "zod";
import { validationFailed, type ErrorDetail } from "@/lib/errors";

// Messages in plain words for every schema that does not say its own ("must be at least 2 characters", not
// "Too small: expected string to have >=2 characters"). A schema's own message still wins.
const plural = (n: number | bigint, word: string) => `${n} ${word}${Number(n) === 1 ? "" : "s"}`;
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "too_small":
        if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${plural(issue.minimum, "character")}`;
        if (issue.origin === "array" || issue.origin === "set") return `needs at least ${plural(issue.minimum, "entry")}`.replace("entrys", "entries");
        return `must be ${issue.inclusive === false ? "more than" : "at least"} ${issue.minimum}`;
      case "too_big":
        if (issue.origin === "string") return `must be at most ${plural(issue.maximum, "character")}`;
        if (issue.origin === "array" || issue.origin === "set") return `can have at most ${plural(issue.maximum, "entry")}`.replace("entrys", "entries");
        return `must be ${issue.inclusive === false ? "less than" : "at most"} ${issue.maximum}`;
      case "invalid_type":
        return issue.input === undefined ? "is required" : `must be ${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
      case "invalid_format":
        if (issue.format === "email") return "must be an e-mail address";
        if (issue.format === "url") return "must be a web address (https://…)";
        if (issue.format === "uuid") return "must be an id (a UUID)";
        if (issue.format === "datetime" || issue.format === "date") return "must be a date";
        return undefined;
      case "invalid_value":
        return issue.values.length === 1 ? `must be ${String(issue.values[0])}` : `must be one of ${issue.values.map(String).join(", ")}`;
      case "unrecognized_keys":
        return `${issue.keys.length === 1 ? "is not a known field" : "are not known fields"}: ${issue.keys.join(", ")}`;
      default:
        return undefined;
    }
  },
});

export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}

export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path) || "(root)", message: issue.message }));
}

const NUL = "\u0000";
export const NUL_MESSAGE = "must not contain a NUL byte (\\u0000)";

/** Where the strings (and keys) holding a NUL byte are, which PostgreSQL cannot store; iterative and linear, so deep input cannot overflow the stack. */
export function nulByteSegments(value: unknown, limit = 20): (string | number)[][] {
  // Each visited node keeps only its parent and key; a path is rebuilt only for a hit.
  const parents: { parent: number; key: string | number }[] = [];
  const pathTo = (node: number, key?: string | number) => {
    const path = key === undefined ? [] : [key];
    for (let at = node; at >= 0; at = parents[at].parent) path.unshift(parents[at].key);
    return path;
  };
  const found: (string | number)[][] = [];
  const stack: [unknown, number][] = [[value, -1]];
  while (stack.length > 0 && found.length < limit) {
    const [item, node] = stack.pop()!;
    if (typeof item === "string") {
      if (item.includes(NUL)) found.push(pathTo(node));
    } else if (item !== null && typeof item === "object") {
      for (const [key, child] of Array.isArray(item) ? item.entries() : Object.entries(item)) {
        if (typeof key === "string" && key.includes(NUL)) found.push(pathTo(node, key));
        if (typeof child !== "string" && (child === null || typeof child !== "object")) continue;
        parents.push({ parent: node, key });
        stack.push([child, parents.length - 1]);
      }
    }
  }
  return found;
}

export const nulBytePaths = (value: unknown): string[] => nulByteSegments(value).map((path) => formatIssuePath(path) || "(root)").sort();

/** Refuses input with a NUL byte anywhere, with a 422 naming each field that holds one. */
export function rejectNulBytes(input: unknown, what = "Input"): void {
  const paths = nulBytePaths(input);
  if (paths.length === 0) return;
  throw validationFailed(`${what} is invalid: ${paths.join(", ")} contain${paths.length === 1 ? "s" : ""} a NUL byte (\\u0000).`, paths.map((path) => ({ path, message: NUL_MESSAGE })));
}

// Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) make a name display unlike what it is.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** A display name: trimmed, length-capped, without bidirectional control characters. */
export const displayName = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, `must be at least ${min} characters`)
    .max(max)
    .refine((name) => !BIDI_CONTROL.test(name), "must not contain bidirectional control characters (U+202A-U+202E, U+2066-U+2069)");

export const MAX_YAML_ALIAS_COUNT = 100;

/** A parsed YAML document's plain value; aliases expanding past the limit (a "billion laughs" bomb) are refused, not expanded. */
export function yamlValue(document: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }) };
  } catch (error) {
    // `yaml` throws a ReferenceError for excessive aliasing, and for an alias to an anchor it has not seen.
    if (error instanceof ReferenceError) {
      const message = /excessive alias/i.test(error.message) ? `too many aliases (more than ${MAX_YAML_ALIAS_COUNT} expansions)` : `a YAML alias is invalid: ${error.message}`;
      return { ok: false, message };
    }
    throw error;
  }
}

/** Parses outside input with a zod schema, throwing a 422 that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "Input"): z.infer<S> {
  rejectNulBytes(input, what);
  const result = schema.safeParse(input);
  if (!result.success) {
    const details = zodDetails(result.error);
    throw validationFailed(`${what} is invalid: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`, details);
  }
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
