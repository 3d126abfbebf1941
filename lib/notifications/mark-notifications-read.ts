import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { parseInput } from "@/lib/validation";
import { MarkReadInput } from "./notification-input";

/**
 * Marks some (ids) or all of the caller's unread notifications read. Ids of other people's notifications match
 * nothing; a notification already read keeps its first read time, so two marks at once are harmless.
 */
export async function markNotificationsRead(actor: Actor, input: unknown): Promise<{ marked: number; unreadCount: number }> {
  const body = parseInput(MarkReadInput, input, "Mark read");
  const { count } = await db.notification.updateMany({
    where: { userId: actor.id, readAt: null, ...("ids" in body ? { id: { in: body.ids } } : {}) },
    data: { readAt: now() },
  });
  const unreadCount = await db.notification.count({ where: { userId: actor.id, readAt: null } });
  return { marked: count, unreadCount };
}
