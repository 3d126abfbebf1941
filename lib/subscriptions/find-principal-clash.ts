import type { Tx } from "@/lib/db";
import { teamKafkaPrincipal, teamPostgresRole } from "@/lib/provisioning/team-principals";

type TeamPrincipalsRow = { id: string; slug: string; name: string; kafkaPrincipal: string | null; postgresRole: string | null };

export type PrincipalClash = { other: TeamPrincipalsRow; path: "postgresRole" | "kafkaPrincipal"; label: string };

/**
 * Another team that would act as the same PostgreSQL role or Kafka principal as `team` (an admin's choice, or the
 * defaults of two teams with one slug in different domains): each would hold the other's grants, so it is refused.
 */
export async function findPrincipalClash(tx: Tx, team: TeamPrincipalsRow): Promise<PrincipalClash | null> {
  const others = await tx.team.findMany({ where: { id: { not: team.id } }, select: { id: true, slug: true, name: true, kafkaPrincipal: true, postgresRole: true } });
  for (const other of others) {
    if (teamPostgresRole(other) === teamPostgresRole(team)) return { other, path: "postgresRole", label: `PostgreSQL role ${teamPostgresRole(team)}` };
    if (teamKafkaPrincipal(other) === teamKafkaPrincipal(team)) return { other, path: "kafkaPrincipal", label: `Kafka principal ${teamKafkaPrincipal(team)}` };
  }
  return null;
}
