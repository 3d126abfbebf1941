import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { teamKafkaPrincipal, teamPostgresRole } from "@/lib/provisioning/team-principals";
import { isUuid, parseInput } from "@/lib/validation";
import { findPrincipalClash } from "./find-principal-clash";
import { TeamPrincipalsInput } from "./subscription-input";

type TeamRow = { id: string; slug: string; name: string; kafkaPrincipal: string | null; postgresRole: string | null };

const principalsOf = (team: TeamRow) => ({
  team: { id: team.id, slug: team.slug, name: team.name },
  kafkaPrincipal: team.kafkaPrincipal,
  postgresRole: team.postgresRole,
  /** What grants act on: the value set here, else the default. */
  effective: { kafkaPrincipal: teamKafkaPrincipal(team), postgresRole: teamPostgresRole(team) },
});

/** The infrastructure principals a consumer team is known by (admins only); null restores the default. */
export async function setTeamPrincipals(actor: Actor, teamId: string, input: unknown) {
  requireAdmin(actor, "set a team's service principals");
  const next = parseInput(TeamPrincipalsInput, input, "Team principals");
  return db.$transaction(async (tx) => {
    const team = isUuid(teamId) ? await tx.team.findUnique({ where: { id: teamId } }) : null;
    if (!team) throw notFound(`Team ${teamId}`);
    await tx.$queryRaw`SELECT id FROM "team" WHERE id = ${team.id}::uuid FOR NO KEY UPDATE`;
    const updated = { ...team, ...next };
    const clash = await findPrincipalClash(tx, updated);
    if (clash) throw conflict(`Team ${clash.other.name} already acts as ${clash.label}; each team needs principals of its own.`, [{ path: clash.path, message: `used by team ${clash.other.slug}` }]);
    if (team.kafkaPrincipal === next.kafkaPrincipal && team.postgresRole === next.postgresRole) return principalsOf(team);
    await tx.team.update({ where: { id: team.id }, data: next });
    await recordAuditEvent(tx, actor, {
      action: "team.principals",
      entityType: "team",
      entityId: team.id,
      summary: `${team.name} acts as ${teamPostgresRole(updated)} in PostgreSQL and ${teamKafkaPrincipal(updated)} in Kafka`,
      before: { kafkaPrincipal: team.kafkaPrincipal, postgresRole: team.postgresRole },
      after: next,
    });
    return principalsOf(updated);
  });
}
