import type { ErrorObject } from "ajv";
import type { ContractIssue } from "./contract-issue";
import type { PathSegment } from "./format-path";

const COMBINATORS = new Set(["anyOf", "oneOf"]);
const SHAPE = new Set(["type", "enum", "const"]);

/**
 * Turns ajv's errors into one readable issue per problem. With allErrors, a failed anyOf/oneOf
 * reports every branch; an error inside the value (deeper, or a non-shape error at the same
 * place) means some branch matched the shape, so the others' type/enum complaints are dropped.
 */
export function humanizeAjvErrors(errors: readonly ErrorObject[]): ContractIssue[] {
  const relevant = errors.filter((e) => e.keyword !== "if");
  const issues: ContractIssue[] = [];
  const merged = new Map<string, ErrorObject[]>();
  for (const error of relevant) {
    const here = error.instancePath;
    const specific = relevant.some((other) => other !== error && isMoreSpecific(other, error, here));
    if (COMBINATORS.has(error.keyword)) {
      if (!specific) issues.push({ segments: toSegments(here), message: combinatorMessage(error) });
    } else if (SHAPE.has(error.keyword)) {
      if (!specific) merged.set(here, [...(merged.get(here) ?? []), error]);
    } else {
      issues.push(issueOf(error));
    }
  }
  for (const [here, shapeErrors] of merged) issues.push({ segments: toSegments(here), message: shapeMessage(shapeErrors) });
  return dedupe(issues);
}

function isMoreSpecific(other: ErrorObject, error: ErrorObject, here: string): boolean {
  if (COMBINATORS.has(other.keyword)) return false;
  const deeper = other.instancePath.startsWith(`${here}/`) || (here === "" && other.instancePath !== "");
  if (deeper) return true;
  if (other.instancePath !== here) return false;
  return !SHAPE.has(other.keyword) || (COMBINATORS.has(error.keyword) && SHAPE.has(other.keyword));
}

function issueOf(error: ErrorObject): ContractIssue {
  const segments = toSegments(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return { segments: [...segments, String(params.missingProperty)], message: `required field "${params.missingProperty}" is missing` };
    case "additionalProperties":
      return { segments: [...segments, String(params.additionalProperty)], message: `unknown field "${params.additionalProperty}"`, at: "key" };
    case "unevaluatedProperties":
      return { segments: [...segments, String(params.unevaluatedProperty)], message: `unknown field "${params.unevaluatedProperty}"`, at: "key" };
    case "format":
      return { segments, message: `must be a valid ${params.format}` };
    default:
      return { segments, message: error.message ?? `fails the ${error.keyword} rule` };
  }
}

function shapeMessage(errors: ErrorObject[]): string {
  const allowed = errors.flatMap((e) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === "enum") return (params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
    if (e.keyword === "const") return [JSON.stringify(params.allowedValue)];
    return [];
  });
  const types = errors.flatMap((e) => (e.keyword === "type" ? String((e.params as { type: string }).type).split(",") : []));
  const got = describeValue(errors[0].data);
  if (allowed.length > 0) return `${got} is not allowed; allowed values: ${unique(allowed).join(", ")}`;
  return `must be ${unique(types).map(withArticle).join(" or ")} (got ${got})`;
}

function combinatorMessage(error: ErrorObject): string {
  if (error.keyword === "oneOf" && (error.params as { passingSchemas?: unknown }).passingSchemas) return "matches more than one of the allowed shapes";
  return "does not match any of the allowed shapes";
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return JSON.stringify(value);
}

function withArticle(type: string): string {
  const names: Record<string, string> = { object: "an object", array: "a list", integer: "an integer", null: "null" };
  return names[type] ?? `a ${type}`;
}

function toSegments(instancePath: string): PathSegment[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function dedupe(issues: ContractIssue[]): ContractIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.segments)}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
