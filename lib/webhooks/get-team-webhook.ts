import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";
import { findManagedTeamOrThrow } from "./team-webhook-access";
import { DeliveryListInput } from "./webhook-input";

const DELIVERY_FIELDS = {
  id: true,
  eventId: true,
  kind: true,
  state: true,
  attempts: true,
  maxAttempts: true,
  url: true,
  responseStatus: true,
  lastError: true,
  resentFromId: true,
  createdAt: true,
  lastAttemptAt: true,
  nextAttemptAt: true,
  deliveredAt: true,
} as const;

/** A team's webhook settings (never its secret) and its newest deliveries, newest first; owners and admins only. */
export async function getTeamWebhook(actor: Actor, teamId: string, query: unknown = {}) {
  const { before, limit } = parseInput(DeliveryListInput, query, "Query");
  return db.$transaction(async (tx) => {
    const team = await findManagedTeamOrThrow(tx, actor, teamId);
    const webhook = await tx.teamWebhook.findUnique({ where: { teamId: team.id }, select: { url: true, createdAt: true, updatedAt: true, secretRotatedAt: true } });
    const rows = await tx.webhookDelivery.findMany({
      where: { teamId: team.id, ...(before ? { createdAt: { lt: new Date(before) } } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
      select: DELIVERY_FIELDS,
    });
    const deliveries = rows.slice(0, limit);
    return { team, webhook, deliveries, nextBefore: rows.length > limit ? deliveries.at(-1)!.createdAt.toISOString() : null };
  });
}

export type TeamWebhookView = Awaited<ReturnType<typeof getTeamWebhook>>;
export type WebhookDeliveryView = TeamWebhookView["deliveries"][number];
