import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/validation";
import { NotificationListInput } from "./notification-input";

/** The caller's own notifications, newest first, a page at a time, with the number still unread. */
export async function listNotifications(actor: Actor, query: unknown = {}) {
  const { page, pageSize, unread } = parseInput(NotificationListInput, query, "Query");
  const where = { userId: actor.id, ...(unread === "true" ? { readAt: null } : {}) };
  const [items, total, unreadCount] = await db.$transaction([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, title: true, body: true, link: true, data: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where }),
    db.notification.count({ where: { userId: actor.id, readAt: null } }),
  ]);
  return { items, total, page, pageSize, unreadCount };
}

export type NotificationList = Awaited<ReturnType<typeof listNotifications>>;
export type NotificationItem = NotificationList["items"][number];
