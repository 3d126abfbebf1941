import type { Actor } from "@/lib/auth/actor";
import { isAdmin, isSteward, ownerOfTeam } from "@/lib/auth/permissions";

type Step = { kind: "owner" | "steward"; teamId: string | null };

/**
 * Who may decide a step (four eyes aside): an owner step is for the owners of its team, and admins; when that team
 * has no owners, governance stewards decide in their place. A steward step is for stewards and admins.
 */
export function canDecideStep(actor: Actor, step: Step, teamHasOwners: boolean): boolean {
  if (actor.service) return false;
  if (step.kind === "steward") return isSteward(actor);
  if (isAdmin(actor)) return true;
  if (step.teamId && ownerOfTeam(actor, step.teamId)) return true;
  return !teamHasOwners && isSteward(actor);
}

/** Who decides a step, in words for the requester and for a refusal. */
export function deciderOf(step: Step & { teamName?: string | null }, teamHasOwners: boolean): string {
  if (step.kind === "steward") return "a governance steward";
  if (!teamHasOwners) return `a governance steward (team ${step.teamName ?? step.teamId} has no owners)`;
  return `an owner of team ${step.teamName ?? step.teamId}`;
}
