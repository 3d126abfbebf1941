import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid, parseInput } from "@/lib/validation";
import { findSubscribablePortOrThrow } from "./find-subscribable-port";
import { SubscriptionListQuery } from "./subscription-input";
import { visibleSubscriptionsWhere } from "./subscription-visibility";
import { SUBSCRIPTION_SELECT, subscriptionViews } from "./subscription-view";

/** Subscriptions the caller may see, newest first, narrowed by ?mine, product, port, team (consuming) and state. */
export async function listSubscriptions(actor: Actor, query: unknown) {
  const q = parseInput(SubscriptionListQuery, query, "Subscription query");
  const filters: Prisma.SubscriptionWhereInput[] = [visibleSubscriptionsWhere(actor)];
  if (q.mine) filters.push({ OR: [{ requesterId: actor.id }, { consumerTeamId: { in: actor.memberships.map((m) => m.teamId) } }] });
  if (q.product) filters.push({ port: { dataProductId: (await findProductOrThrow(actor, q.product)).id } });
  if (q.port) filters.push({ portId: (await findSubscribablePortOrThrow(actor, q.port, db)).id });
  if (q.team) {
    const [domain, slug] = q.team.includes("/") ? q.team.split("/", 2) : [undefined, q.team];
    filters.push(isUuid(q.team) ? { consumerTeamId: q.team } : { consumerTeam: { slug, ...(domain ? { domain: { slug: domain } } : {}) } });
  }
  if (q.state) filters.push({ state: q.state });
  const where = { AND: filters };
  const [rows, total] = await Promise.all([
    db.subscription.findMany({ where, select: SUBSCRIPTION_SELECT, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db.subscription.count({ where }),
  ]);
  return { items: await subscriptionViews(db, rows), total, page: q.page, pageSize: q.pageSize };
}
