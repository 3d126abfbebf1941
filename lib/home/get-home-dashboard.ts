import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { visibleProductWhere } from "@/lib/auth/visible-products-sql";
import { listApprovalInbox } from "@/lib/approvals/list-approval-inbox";
import { Prisma } from "@/lib/generated/prisma/client";

const PRODUCT_CARD = {
  id: true,
  urn: true,
  slug: true,
  name: true,
  status: true,
  updatedAt: true,
  domain: { select: { slug: true, name: true } },
  team: { select: { slug: true, name: true } },
} as const;

export type DashboardProduct = Prisma.DataProductGetPayload<{ select: typeof PRODUCT_CARD }>;

/**
 * What a person sees first: their teams' products, the decisions waiting on them, their own requests still open,
 * what changed lately in their domains, and the mesh's most used products (by active subscriptions). Everything
 * through the one visibility rule, so nobody sees another team's drafts here either.
 */
export async function getHomeDashboard(actor: Actor) {
  const teamIds = actor.memberships.map((m) => m.teamId);
  const domainIds = [...new Set(actor.memberships.map((m) => m.domainId))];
  const visible = visibleProductWhere(actor);

  const [teamProducts, inbox, myRequests, recentInDomains, mostUsedRows] = await Promise.all([
    teamIds.length === 0
      ? Promise.resolve([])
      : db.dataProduct.findMany({ where: { teamId: { in: teamIds } }, select: PRODUCT_CARD, orderBy: [{ updatedAt: "desc" }], take: 12 }),
    listApprovalInbox(actor),
    db.subscription.findMany({
      where: { state: { in: ["pending_approval", "provisioning"] }, OR: [{ requesterId: actor.id }, ...(teamIds.length ? [{ consumerTeamId: { in: teamIds } }] : [])] },
      select: { id: true, state: true, createdAt: true, consumerTeam: { select: { name: true } }, port: { select: { name: true, dataProduct: { select: PRODUCT_CARD } } } },
      orderBy: { createdAt: "desc" },
      take: 10,
    }),
    domainIds.length === 0
      ? Promise.resolve([])
      : db.dataProduct.findMany({ where: { AND: [visible, { domainId: { in: domainIds } }] }, select: PRODUCT_CARD, orderBy: [{ updatedAt: "desc" }], take: 8 }),
    db.$queryRaw<{ product_id: string; subscribers: number }[]>(Prisma.sql`
      SELECT p.data_product_id AS product_id, count(DISTINCT s.consumer_team_id)::int AS subscribers
      FROM subscription s JOIN port p ON p.id = s.port_id
      WHERE s.state = 'active'
      GROUP BY p.data_product_id
      ORDER BY subscribers DESC, p.data_product_id
      LIMIT 20`),
  ]);

  const usedIds = mostUsedRows.map((r) => r.product_id);
  const usedProducts = usedIds.length === 0 ? [] : await db.dataProduct.findMany({ where: { AND: [visible, { id: { in: usedIds } }] }, select: PRODUCT_CARD });
  const byId = new Map(usedProducts.map((p) => [p.id, p]));
  const mostUsed = mostUsedRows.flatMap((r) => {
    const product = byId.get(r.product_id);
    return product ? [{ product, subscribers: r.subscribers }] : [];
  }).slice(0, 6);

  return {
    teams: actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName, slug: m.teamSlug, domainSlug: m.domainSlug, role: m.role })),
    teamProducts,
    approvalsWaiting: inbox.items.slice(0, 8).map((i) => ({ id: i.id, title: i.title, purpose: i.purpose, waitingSince: i.waitingSince })),
    approvalsWaitingTotal: inbox.items.length,
    myRequests: myRequests.map((s) => ({ id: s.id, state: s.state, createdAt: s.createdAt, team: s.consumerTeam.name, portName: s.port.name, product: s.port.dataProduct })),
    recentInDomains,
    mostUsed,
  };
}

export type HomeDashboard = Awaited<ReturnType<typeof getHomeDashboard>>;
