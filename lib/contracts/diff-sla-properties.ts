import type { ContractChange } from "./contract-change";
import type { SlaProperty } from "./contract-types";
import { sameValue } from "./same-value";

/** SLA properties added, removed or changed, each known by property, element and driver; none is marked breaking. */
export function diffSlaProperties(before: SlaProperty[] | undefined, after: SlaProperty[] | undefined): ContractChange[] {
  const oldSla = keyed(before ?? []);
  const newSla = keyed(after ?? []);
  const changes: ContractChange[] = [];
  for (const [key, { sla, index }] of newSla) {
    const previous = oldSla.get(key)?.sla;
    const path = `slaProperties[${index}]`;
    if (!previous) changes.push({ kind: "sla-added", path, after: sla, breaking: false, message: `SLA ${label(sla)} added: ${show(sla)}` });
    else if (!sameValue(previous, sla)) changes.push({ kind: "sla-changed", path, before: previous, after: sla, breaking: false, message: `SLA ${label(sla)}: changed from ${show(previous)} to ${show(sla)}` });
  }
  for (const [key, { sla, index }] of oldSla) {
    if (!newSla.has(key)) changes.push({ kind: "sla-removed", path: `slaProperties[${index}]`, before: sla, breaking: false, message: `SLA ${label(sla)} removed (was ${show(sla)})` });
  }
  return changes;
}

function keyed(list: SlaProperty[]): Map<string, { sla: SlaProperty; index: number }> {
  const map = new Map<string, { sla: SlaProperty; index: number }>();
  list.forEach((sla, index) => {
    const base = sla.id ?? [sla.property, sla.element ?? "", sla.driver ?? ""].join("|");
    let key = base;
    for (let n = 2; map.has(key); n++) key = `${base}#${n}`;
    map.set(key, { sla, index });
  });
  return map;
}

function label(sla: SlaProperty): string {
  return `"${sla.property}"${sla.driver ? ` (${sla.driver})` : ""}`;
}

function show(sla: SlaProperty): string {
  const value = [sla.value, sla.valueExt !== undefined ? `to ${String(sla.valueExt)}` : undefined, sla.unit].filter((part) => part !== undefined && part !== null).map(String).join(" ");
  return value === "" ? "no value" : value;
}
