import type { Actor } from "@/lib/auth/actor";
import { seesAllProducts } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Who sees a subscription: its requester, the consuming team, the team owning the product, stewards, admins and the
 * service identity. The Prisma filter and the check below state the same rule.
 */
export function visibleSubscriptionsWhere(actor: Actor): Prisma.SubscriptionWhereInput {
  if (seesAllProducts(actor)) return {};
  const teamIds = actor.memberships.map((m) => m.teamId);
  return { OR: [{ requesterId: actor.id }, { consumerTeamId: { in: teamIds } }, { port: { dataProduct: { teamId: { in: teamIds } } } }] };
}

export function canSeeSubscription(actor: Actor, subscription: { requesterId: string | null; consumerTeamId: string; port: { dataProduct: { teamId: string } } }): boolean {
  if (seesAllProducts(actor) || subscription.requesterId === actor.id) return true;
  return actor.memberships.some((m) => m.teamId === subscription.consumerTeamId || m.teamId === subscription.port.dataProduct.teamId);
}
