import type { Actor } from "@/lib/auth/actor";
import { memberOfTeam } from "@/lib/auth/permissions";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import { personalDataFields } from "@/lib/subscriptions/personal-data-fields";
import { columnOf, portSchemaObject } from "./check-definitions";

export const MASK = "•••• (personal data)";
const SYSTEM = new Set(["_partition", "_offset", "_timestamp", "_key"]);

/** The table columns of a port's contract that hold personal data (a marked property, or one with a marked field inside). */
export function personalColumns(contract: OdcsContract, location: string | null): { columns: Set<string>; everything: boolean } {
  const object = portSchemaObject(contract, location);
  if (!object) return { columns: new Set(), everything: false };
  const marked = personalDataFields({ schema: [object] });
  if (marked.includes(object.name)) return { columns: new Set(), everything: true };
  const columns = new Set<string>();
  for (const path of marked) {
    const top = path.slice(object.name.length + 1).split(/[.[]/)[0];
    const property = (object.properties ?? []).find((p) => p.name === top);
    if (property) columns.add(columnOf(property));
  }
  // The record key is usually the primary key, which may itself be personal (a customer id): masked with it.
  const keyProperty = (object.properties ?? []).find((p) => p.primaryKey);
  if (keyProperty && columns.has(columnOf(keyProperty))) columns.add("_key");
  return { columns, everything: false };
}

/** Who may read a port's data as it is: its owning team, the service identity, and teams with an active subscription to it. */
export async function hasPortDataAccess(actor: Actor, port: { id: string; teamId: string }, client: Tx | typeof db = db): Promise<boolean> {
  if (actor.service || memberOfTeam(actor, port.teamId)) return true;
  const teams = actor.memberships.map((m) => m.teamId);
  if (teams.length === 0) return false;
  return (await client.subscription.count({ where: { portId: port.id, state: "active", consumerTeamId: { in: teams } } })) > 0;
}

export function maskRows(rows: Record<string, unknown>[], personal: { columns: Set<string>; everything: boolean }): Record<string, unknown>[] {
  if (!personal.everything && personal.columns.size === 0) return rows;
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v !== null && (personal.everything ? !SYSTEM.has(k) : personal.columns.has(k)) ? MASK : v])));
}
