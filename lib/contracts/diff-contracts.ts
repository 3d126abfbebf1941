import type { ContractChange } from "./contract-change";
import type { OdcsContract, SchemaObject } from "./contract-types";
import { diffProperties } from "./diff-properties";
import { diffQualityRules } from "./diff-quality-rules";
import { diffSlaProperties } from "./diff-sla-properties";

export type { ContractChange } from "./contract-change";

/**
 * The semantic changes from one contract version to the next. `breaking` means an existing
 * consumer may break: an object or field removed or renamed, a logical type changed, a physical
 * type changed other than widened, a field no longer required (nulls may appear), no longer
 * unique or no longer in the primary key. Additions, stricter flags, classification,
 * descriptions, quality rules and SLAs are reported as non-breaking.
 */
export function diffContracts(before: OdcsContract, after: OdcsContract): ContractChange[] {
  const oldObjects = before.schema ?? [];
  const newObjects = after.schema ?? [];
  const qualified = Math.max(oldObjects.length, newObjects.length) > 1;
  const changes: ContractChange[] = [];
  newObjects.forEach((object, newIndex) => {
    const oldIndex = findCounterpart(oldObjects, object);
    const newPath = `schema[${newIndex}]`;
    if (oldIndex < 0) {
      changes.push({ kind: "object-added", path: newPath, after: object.name, breaking: false, message: `schema object "${object.name}" added` });
      return;
    }
    const previous = oldObjects[oldIndex];
    const oldPath = `schema[${oldIndex}]`;
    const owner = `schema object "${object.name}"`;
    if ((previous.description ?? "") !== (object.description ?? "")) {
      changes.push({ kind: "description-changed", path: newPath, before: previous.description, after: object.description, breaking: false, message: `${owner}: description changed` });
    }
    changes.push(...diffProperties(previous.properties ?? [], object.properties ?? [], { oldPath, newPath, prefix: qualified ? `${object.name}.` : "" }));
    changes.push(...diffQualityRules(previous.quality, object.quality, newPath, owner));
  });
  oldObjects.forEach((object, oldIndex) => {
    if (findCounterpart(newObjects, object) < 0) {
      changes.push({ kind: "object-removed", path: `schema[${oldIndex}]`, before: object.name, breaking: true, message: `schema object "${object.name}" removed` });
    }
  });
  changes.push(...diffSlaProperties(before.slaProperties, after.slaProperties));
  return changes;
}

function findCounterpart(objects: SchemaObject[], object: SchemaObject): number {
  const byId = object.id === undefined ? -1 : objects.findIndex((o) => o.id === object.id);
  return byId >= 0 ? byId : objects.findIndex((o) => o.name === object.name);
}
