import type { Jsonified } from "@/components/ui/jsonified";
import type { NotificationItem as ServerItem, NotificationList as ServerList } from "@/lib/notifications/list-notifications";

export type NotificationItem = Jsonified<ServerItem>;
export type NotificationList = Jsonified<ServerList>;

export const NOTIFICATIONS_KEY = ["notifications"] as const;

/** "Notifications, 3 unread": the bell's accessible name, also what the e2e test looks for. */
export const bellLabel = (unread: number) => `Notifications, ${unread === 0 ? "none" : unread} unread`;
