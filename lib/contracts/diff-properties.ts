import type { ContractChange } from "./contract-change";
import type { SchemaItem, SchemaProperty } from "./contract-types";
import { diffQualityRules } from "./diff-quality-rules";
import { isPhysicalWidening } from "./is-physical-widening";
import { logicalTypeOf } from "./logical-type-of";

/** Where a list of properties sits: its holder's path in each version, and the name prefix of its fields. */
export type PropertyLevel = { oldPath: string; newPath: string; prefix: string };

type Pair = { before?: SchemaProperty; oldIndex: number; after?: SchemaProperty; newIndex: number; renamed: boolean };

/**
 * Compares the properties of one object in two versions, recursing into nested objects and array
 * items. Properties are paired by ODCS `id`, then by name; of those left, an old and a new one are
 * taken as a rename only when they are each other's single candidate, sharing a businessName or
 * the same position and types.
 */
export function diffProperties(before: SchemaProperty[], after: SchemaProperty[], level: PropertyLevel): ContractChange[] {
  return pairProperties(before, after).flatMap((pair) => diffPair(pair, level));
}

function diffPair({ before, oldIndex, after, newIndex, renamed }: Pair, level: PropertyLevel): ContractChange[] {
  const oldPath = `${level.oldPath}.properties[${oldIndex}]`;
  const newPath = `${level.newPath}.properties[${newIndex}]`;
  if (!after) {
    const field = `${level.prefix}${before!.name}`;
    return [{ kind: "field-removed", path: oldPath, field, before: before!.name, breaking: true, message: `field "${field}" removed` }];
  }
  const field = `${level.prefix}${after.name}`;
  if (!before) {
    return [{ kind: "field-added", path: newPath, field, after: after.name, breaking: false, message: `field "${field}" added${after.required ? " (required)" : ""}` }];
  }
  const changes: ContractChange[] = [];
  if (renamed) changes.push({ kind: "field-renamed", path: newPath, field, before: before.name, after: after.name, breaking: true, message: `field "${level.prefix}${before.name}" renamed to "${after.name}"` });
  changes.push(...diffAttributes(before, after, newPath, field));
  changes.push(...diffQualityRules(before.quality, after.quality, newPath, `field "${field}"`));
  changes.push(...diffProperties(before.properties ?? [], after.properties ?? [], { oldPath, newPath, prefix: `${field}.` }));
  if (before.items && after.items) {
    const items = { oldPath: `${oldPath}.items`, newPath: `${newPath}.items`, prefix: `${field}[]` };
    changes.push(...diffAttributes(before.items, after.items, items.newPath, items.prefix));
    changes.push(...diffProperties(before.items.properties ?? [], after.items.properties ?? [], { ...items, prefix: `${items.prefix}.` }));
  }
  return changes;
}

function diffAttributes(before: SchemaItem, after: SchemaItem, path: string, field: string): ContractChange[] {
  const changes: ContractChange[] = [];
  const add = (kind: ContractChange["kind"], from: unknown, to: unknown, breaking: boolean, what: string) =>
    changes.push({ kind, path, field, before: from, after: to, breaking, message: `field "${field}": ${what}` });
  const [oldType, newType] = [logicalTypeOf(before), logicalTypeOf(after)];
  if (oldType !== newType) add("type-changed", oldType, newType, true, `type changed from ${oldType} to ${newType}`);
  const [oldPhysical, newPhysical] = [before.physicalType, after.physicalType];
  if (normalize(oldPhysical) !== normalize(newPhysical)) {
    const breaking = Boolean(oldPhysical && newPhysical && !isPhysicalWidening(oldPhysical, newPhysical));
    add("physical-type-changed", oldPhysical, newPhysical, breaking, `physical type changed from ${oldPhysical ?? "(none)"} to ${newPhysical ?? "(none)"}`);
  }
  const flag = (key: "required" | "unique" | "primaryKey", kind: ContractChange["kind"], on: string, off: string) => {
    const [was, is] = [before[key] === true, after[key] === true];
    if (was !== is) add(kind, was, is, was, is ? on : off);
  };
  flag("required", "required-changed", "now required", "no longer required (it may now be null)");
  flag("unique", "unique-changed", "now unique", "no longer unique");
  flag("primaryKey", "primary-key-changed", "now part of the primary key", "no longer part of the primary key");
  if ((before.classification ?? null) !== (after.classification ?? null)) {
    add("classification-changed", before.classification, after.classification, false, `classification changed from ${before.classification ?? "(none)"} to ${after.classification ?? "(none)"}`);
  }
  if ((before.description ?? "") !== (after.description ?? "")) add("description-changed", before.description, after.description, false, "description changed");
  return changes;
}

function pairProperties(before: SchemaProperty[], after: SchemaProperty[]): Pair[] {
  const oldFree = new Set(before.map((_, i) => i));
  const newFree = new Set(after.map((_, i) => i));
  const pairs: Pair[] = [];
  const take = (oldIndex: number, newIndex: number, renamed: boolean) => {
    oldFree.delete(oldIndex);
    newFree.delete(newIndex);
    pairs.push({ before: before[oldIndex], oldIndex, after: after[newIndex], newIndex, renamed });
  };
  const pairBy = (same: (o: SchemaProperty, n: SchemaProperty) => boolean) => {
    for (const newIndex of [...newFree]) {
      const oldIndex = [...oldFree].find((i) => same(before[i], after[newIndex]));
      if (oldIndex !== undefined) take(oldIndex, newIndex, before[oldIndex].name !== after[newIndex].name);
    }
  };
  pairBy((o, n) => o.id !== undefined && o.id === n.id);
  pairBy((o, n) => o.name === n.name);
  const looksRenamed = (oldIndex: number, newIndex: number) => {
    const [o, n] = [before[oldIndex], after[newIndex]];
    if (o.businessName && o.businessName === n.businessName) return true;
    return oldIndex === newIndex && logicalTypeOf(o) === logicalTypeOf(n) && normalize(o.physicalType) === normalize(n.physicalType);
  };
  for (const newIndex of [...newFree]) {
    const candidates = [...oldFree].filter((i) => looksRenamed(i, newIndex));
    if (candidates.length !== 1) continue;
    const rivals = [...newFree].filter((j) => looksRenamed(candidates[0], j));
    if (rivals.length === 1) take(candidates[0], newIndex, true);
  }
  for (const oldIndex of oldFree) pairs.push({ before: before[oldIndex], oldIndex, newIndex: -1, renamed: false });
  for (const newIndex of newFree) pairs.push({ oldIndex: -1, after: after[newIndex], newIndex, renamed: false });
  return pairs.sort((a, b) => (a.after ? a.newIndex : a.oldIndex) - (b.after ? b.newIndex : b.oldIndex));
}

function normalize(physicalType: string | undefined): string {
  return (physicalType ?? "").replace(/\s+/g, "").toLowerCase();
}
