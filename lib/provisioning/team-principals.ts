import { teamRoleName } from "./team-role-name";

type TeamPrincipals = { slug: string; postgresRole: string | null; kafkaPrincipal: string | null };

/** The PostgreSQL role a consumer team's table grants go to: the one an admin set, else `<prefix>team_<slug>`. */
export const teamPostgresRole = (team: TeamPrincipals, prefix?: string): string => team.postgresRole ?? teamRoleName(team.slug, prefix);

/** The Kafka principal a consumer team's topic ACLs go to: the one an admin set, else `User:team-<slug>`. */
export const teamKafkaPrincipal = (team: TeamPrincipals): string => team.kafkaPrincipal ?? `User:team-${team.slug}`;
