import { db } from "@/lib/db";
import type { Actor } from "./actor";

export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { team: { include: { domain: { select: { slug: true } } } } } } },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    memberships: user.memberships.map((m) => ({
      teamId: m.teamId,
      teamSlug: m.team.slug,
      teamName: m.team.name,
      domainId: m.team.domainId,
      domainSlug: m.team.domain.slug,
      role: m.role,
    })),
  };
}
