import { z } from "zod";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";

const TeamsQuery = z.object({ domain: z.string().max(64).optional() });

/** Teams (optionally of one domain) with their members; every signed-in user may see who owns what. */
export async function listTeams(_actor: Actor, query: unknown) {
  const { domain } = parseInput(TeamsQuery, query, "Teams query");
  const teams = await db.team.findMany({
    where: domain ? { domain: { slug: domain } } : {},
    orderBy: [{ domain: { name: "asc" } }, { name: "asc" }],
    include: { domain: { select: { slug: true, name: true } }, memberships: { include: { user: { select: { id: true, name: true, email: true } } } } },
  });
  return teams.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    contactEmail: t.contactEmail,
    domain: t.domain,
    members: t.memberships.map((m) => ({ ...m.user, role: m.role })),
  }));
}
