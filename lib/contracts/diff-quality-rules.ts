import type { ContractChange } from "./contract-change";
import type { QualityRule } from "./contract-types";
import { sameValue } from "./same-value";

/**
 * Quality rules added, removed or changed at one level (a schema object or a property). A rule is
 * known by its id, else its name, else what it checks; none of these changes is marked breaking,
 * since they change guarantees about values, not the shape consumers parse.
 */
export function diffQualityRules(before: QualityRule[] | undefined, after: QualityRule[] | undefined, path: string, owner: string): ContractChange[] {
  const oldRules = keyed(before ?? []);
  const newRules = keyed(after ?? []);
  const changes: ContractChange[] = [];
  for (const [key, { rule, index }] of newRules) {
    const previous = oldRules.get(key);
    const at = `${path}.quality[${index}]`;
    if (!previous) changes.push({ kind: "quality-added", path: at, after: rule, breaking: false, message: `${owner}: quality rule ${label(rule)} added` });
    else if (!sameValue(previous.rule, rule)) changes.push({ kind: "quality-changed", path: at, before: previous.rule, after: rule, breaking: false, message: `${owner}: quality rule ${label(rule)} changed` });
  }
  for (const [key, { rule, index }] of oldRules) {
    if (!newRules.has(key)) changes.push({ kind: "quality-removed", path: `${path}.quality[${index}]`, before: rule, breaking: false, message: `${owner}: quality rule ${label(rule)} removed` });
  }
  return changes;
}

function keyed(rules: QualityRule[]): Map<string, { rule: QualityRule; index: number }> {
  const map = new Map<string, { rule: QualityRule; index: number }>();
  rules.forEach((rule, index) => {
    const base = rule.id ?? rule.name ?? `${rule.type ?? "library"}:${rule.metric ?? rule.rule ?? rule.query ?? rule.description ?? rule.dimension ?? ""}`;
    let key = base;
    for (let n = 2; map.has(key); n++) key = `${base}#${n}`;
    map.set(key, { rule, index });
  });
  return map;
}

function label(rule: QualityRule): string {
  const name = rule.name ?? rule.metric ?? rule.rule ?? rule.id;
  if (name) return `"${name}"`;
  return rule.description ? `"${rule.description}"` : `(${rule.type ?? "library"})`;
}
