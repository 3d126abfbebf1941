import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** The team, when the actor may manage its webhook (its owners and admins); members and strangers are refused. */
export async function findManagedTeamOrThrow(tx: Tx, actor: Actor, teamId: string) {
  const team = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId }, select: { id: true, slug: true, name: true } }) : null;
  if (!team) throw notFound(`Team ${teamId}`);
  if (!isAdmin(actor) && !ownerOfTeam(actor, team.id)) throw forbidden("Only the team's owners and admins can see or change its webhook.");
  return team;
}
