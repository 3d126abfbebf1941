import { forbidden, MeshworkError } from "@/lib/errors";
import type { Actor } from "./actor";

export const isAdmin = (actor: Actor) => actor.role === "admin";
export const isSteward = (actor: Actor) => actor.role === "steward" || actor.role === "admin";

export const memberOfTeam = (actor: Actor, teamId: string) => actor.memberships.some((m) => m.teamId === teamId);
export const ownerOfTeam = (actor: Actor, teamId: string) => actor.memberships.some((m) => m.teamId === teamId && m.role === "owner");

/** Drafts and retired products are visible to their team, admins and stewards; the rest to everyone. */
export function canSeeProduct(actor: Actor, product: { teamId: string; status: string }): boolean {
  if (product.status === "published" || product.status === "deprecated") return true;
  return isSteward(actor) || memberOfTeam(actor, product.teamId);
}

export const canEditProduct = (actor: Actor, product: { teamId: string }) => isAdmin(actor) || memberOfTeam(actor, product.teamId);
export const canChangeProductStatus = (actor: Actor, product: { teamId: string }) => isAdmin(actor) || ownerOfTeam(actor, product.teamId);

export function requireAdmin(actor: Actor, action: string): void {
  if (!isAdmin(actor)) throw forbidden(`Only platform admins can ${action}.`);
}

export function requireSteward(actor: Actor, action: string): void {
  if (!isSteward(actor)) throw forbidden(`Only governance stewards and admins can ${action}.`);
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new MeshworkError("unauthenticated", "Sign in or send an API token (Authorization: Bearer ...).");
  return actor;
}
