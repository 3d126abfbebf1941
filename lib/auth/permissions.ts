import { forbidden, MeshworkError } from "@/lib/errors";
import type { Actor } from "./actor";

export const isAdmin = (actor: Actor) => actor.role === "admin";
export const isSteward = (actor: Actor) => actor.role === "steward" || actor.role === "admin";

export const memberOfTeam = (actor: Actor, teamId: string) => actor.memberships.some((m) => m.teamId === teamId);
export const ownerOfTeam = (actor: Actor, teamId: string) => actor.memberships.some((m) => m.teamId === teamId && m.role === "owner");

/**
 * The one visibility rule: published and deprecated products are visible to everyone signed in; drafts and retired
 * products to their team, stewards, admins and the service identity. lib/auth/visible-products-sql.ts states the same
 * rule for queries (catalog lists, search, the typo vocabulary, registry reads).
 */
export const PUBLIC_STATUSES = ["published", "deprecated"] as const;
/** Stewards, admins and the service identity see every product. */
export const seesAllProducts = (actor: Actor) => isSteward(actor) || actor.service === true;

export function canSeeProduct(actor: Actor, product: { teamId: string; status: string }): boolean {
  if ((PUBLIC_STATUSES as readonly string[]).includes(product.status)) return true;
  return seesAllProducts(actor) || memberOfTeam(actor, product.teamId);
}

export const canEditProduct = (actor: Actor, product: { teamId: string }) => isAdmin(actor) || memberOfTeam(actor, product.teamId);
/** Registering needs a team to own the product (create-data-product checks canEditProduct on it): admins and anyone in a team. */
export const canRegisterProducts = (actor: Actor) => isAdmin(actor) || actor.memberships.length > 0;
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
