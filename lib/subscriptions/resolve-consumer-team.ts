import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { forbidden, validationFailed } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** The consuming team named by id, slug or `<domain>/<team>`: it must be one of the requester's own teams. */
export async function resolveConsumerTeam(actor: Actor, ref: string, tx: Tx): Promise<{ id: string; slug: string; name: string }> {
  const [domainSlug, teamSlug] = ref.includes("/") ? ref.split("/", 2) : [undefined, ref];
  const mine = actor.memberships.filter((m) => (isUuid(ref) ? m.teamId === ref : m.teamSlug === teamSlug && (domainSlug === undefined || m.domainSlug === domainSlug)));
  if (mine.length > 1) {
    throw validationFailed(`You belong to ${mine.length} teams called ${ref}; name it as <domain>/<team> (${mine.map((m) => `${m.domainSlug}/${m.teamSlug}`).join(", ")}).`, [{ path: "consumerTeam", message: "ambiguous" }]);
  }
  if (mine.length === 1) return { id: mine[0].teamId, slug: mine[0].teamSlug, name: mine[0].teamName };
  const exists = isUuid(ref) ? await tx.team.findUnique({ where: { id: ref }, select: { id: true } }) : await tx.team.findFirst({ where: { slug: teamSlug, ...(domainSlug ? { domain: { slug: domainSlug } } : {}) }, select: { id: true } });
  if (exists) throw forbidden(`You are not a member of team ${ref}: access is requested for one of your own teams.`);
  throw validationFailed(`No team ${ref}: name one of your teams (${actor.memberships.map((m) => m.teamSlug).join(", ") || "you belong to none; ask an admin to add you to one"}).`, [{ path: "consumerTeam", message: "unknown team" }]);
}
