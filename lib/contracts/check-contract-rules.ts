import type { ContractIssue } from "./contract-issue";
import { formatPath, type PathSegment } from "./format-path";

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The rules the ODCS JSON Schema cannot express: a semantic `version`, and unique names per level. */
export function checkContractRules(contract: unknown): ContractIssue[] {
  if (!isRecord(contract)) return [];
  const issues: ContractIssue[] = [];
  if (typeof contract.version === "string" && !SEMVER.test(contract.version)) {
    issues.push({ segments: ["version"], message: `"${contract.version}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)` });
  }
  if (Array.isArray(contract.schema)) {
    issues.push(...duplicateNames(contract.schema, ["schema"], "schema object"));
    contract.schema.forEach((object, i) => issues.push(...propertyIssues(object, ["schema", i])));
  }
  return issues;
}

function propertyIssues(holder: unknown, at: PathSegment[]): ContractIssue[] {
  if (!isRecord(holder)) return [];
  const issues: ContractIssue[] = [];
  if (Array.isArray(holder.properties)) {
    issues.push(...duplicateNames(holder.properties, [...at, "properties"], "property"));
    holder.properties.forEach((property, i) => issues.push(...propertyIssues(property, [...at, "properties", i])));
  }
  if (isRecord(holder.items)) issues.push(...propertyIssues(holder.items, [...at, "items"]));
  return issues;
}

function duplicateNames(list: unknown[], at: PathSegment[], what: string): ContractIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ContractIssue[] = [];
  list.forEach((element, i) => {
    if (!isRecord(element) || typeof element.name !== "string") return;
    const first = firstIndex.get(element.name);
    if (first === undefined) firstIndex.set(element.name, i);
    else issues.push({ segments: [...at, i, "name"], message: `duplicate ${what} name "${element.name}" (first used at ${formatPath([...at, first])})` });
  });
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
