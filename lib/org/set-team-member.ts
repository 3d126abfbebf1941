import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forbidden, notFound, validationFailed } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { MemberInput } from "./org-input";

/** Adds a person to a team or changes their role; admins and the team's owners may do it. */
export async function setTeamMember(actor: Actor, teamId: string, input: unknown) {
  const { email, role } = parseInput(MemberInput, input, "Team member");
  return db.$transaction(async (tx) => {
    const team = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId } }) : null;
    if (!team) throw notFound(`Team ${teamId}`);
    if (!isAdmin(actor) && !ownerOfTeam(actor, team.id)) throw forbidden("Only admins and the team's owners can manage its members.");
    const user = await tx.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) throw validationFailed(`Nobody with the e-mail ${email} has signed in to Meshwork yet: they appear here after their first sign-in.`, [{ path: "email", message: "nobody with this e-mail has signed in yet" }]);
    // The team's row lock orders membership changes made at once: each reads what the previous one left.
    await tx.$queryRaw`SELECT id FROM "team" WHERE id = ${team.id}::uuid FOR NO KEY UPDATE`;
    const before = await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId: user.id } } });
    if (before?.role === role) return before;
    const membership = await tx.teamMembership.upsert({ where: { teamId_userId: { teamId, userId: user.id } }, update: { role }, create: { teamId, userId: user.id, role } });
    await recordAuditEvent(tx, actor, {
      action: "team.member.set",
      entityType: "team",
      entityId: team.id,
      summary: `${user.email} is ${role} of ${team.name}`,
      before: before ? { email: user.email, role: before.role } : undefined,
      after: { email: user.email, role },
    });
    return membership;
  });
}
