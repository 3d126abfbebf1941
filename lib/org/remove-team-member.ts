import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forbidden, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export async function removeTeamMember(actor: Actor, teamId: string, userId: string) {
  await db.$transaction(async (tx) => {
    const membership = !isUuid(teamId) || !isUuid(userId) ? null : await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } }, include: { user: true, team: true } });
    if (!membership) throw notFound("Team membership");
    if (!isAdmin(actor) && !ownerOfTeam(actor, teamId)) throw forbidden("Only admins and the team's owners can manage its members.");
    // Of removals at once, one deletes the row; the rest find it gone, as a later removal would.
    const { count } = await tx.teamMembership.deleteMany({ where: { teamId, userId } });
    if (count === 0) throw notFound("Team membership");
    await recordAuditEvent(tx, actor, { action: "team.member.remove", entityType: "team", entityId: teamId, summary: `${membership.user.email} left ${membership.team.name}`, before: { email: membership.user.email, role: membership.role } });
  });
}
