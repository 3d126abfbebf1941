import { db } from "@/lib/db";
import type { Actor } from "./actor";
import { SESSION_LIFETIME_MS } from "./start-session";
import { isSessionId } from "./end-session";

/** The user as an actor; with `sessionId` (a browser session) only while that session is live, in the same query. */
export async function loadActor(userId: string, options?: { sessionId: string | undefined }): Promise<Actor | null> {
  if (options && !isSessionId(options.sessionId)) return null;
  const live = options && { sessions: { some: { id: options.sessionId, createdAt: { gt: new Date(Date.now() - SESSION_LIFETIME_MS) } } } };
  const user = await db.user.findFirst({
    where: { id: userId, ...live },
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
