"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { formatRelative } from "@/components/ui/format-date";
import { usePopover } from "@/components/ui/use-popover";
import { NOTIFICATION_KINDS, type NotificationKind } from "@/lib/notifications/notification-kinds";
import { NotificationBody } from "./notification-body";
import { bellLabel, NOTIFICATIONS_KEY, type NotificationItem, type NotificationList } from "./notification-types";
import { useMarkRead } from "./use-mark-read";

/** How often the bell asks for news while the page is open. */
const POLL_MS = 5_000;

export const kindLabel = (kind: string) => NOTIFICATION_KINDS[kind as NotificationKind] ?? kind;

function BellIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M10 2.5a5 5 0 0 0-5 5v2.6L3.6 13a.8.8 0 0 0 .7 1.2h11.4a.8.8 0 0 0 .7-1.2L15 10.1V7.5a5 5 0 0 0-5-5Z" strokeLinejoin="round" />
      <path d="M8 16.5a2 2 0 0 0 4 0" strokeLinecap="round" />
    </svg>
  );
}

/** The header's bell: unread count (polled), and a panel of the newest notifications with mark read. */
export function NotificationBell() {
  const { open, setOpen, panelId, wrapper, button } = usePopover();
  const headingId = useId();
  const router = useRouter();
  const markRead = useMarkRead();
  const query = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, "recent"],
    queryFn: ({ signal }) => apiRequest<NotificationList>("/api/v1/notifications?pageSize=8", { signal }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  const unread = query.data?.unreadCount ?? 0;

  const openItem = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    setOpen(false);
    if (item.link) router.push(item.link);
  };

  return (
    <div ref={wrapper} className="relative">
      <button
        ref={button}
        type="button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
        className="relative grid h-9 w-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        <BellIcon />
        {unread > 0 && (
          <span aria-hidden data-testid="notification-count" className="absolute -right-0.5 -top-0.5 min-w-[1.15rem] rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-[1.15rem] text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} role="dialog" aria-labelledby={headingId} data-testid="notification-panel" className="absolute right-0 z-40 mt-2 w-[26rem] max-w-[calc(100vw-2rem)] rounded-xl border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              Notifications {unread > 0 && <span className="font-normal text-slate-600">· {unread} unread</span>}
            </h2>
            <button type="button" disabled={unread === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })} className="text-sm font-medium text-brand-700 hover:text-brand-800 disabled:cursor-not-allowed disabled:text-slate-500">
              Mark all read
            </button>
          </div>
          {query.isError ? (
            <p role="alert" className="px-4 py-6 text-sm text-red-700">
              Could not load notifications: {errorMessage(query.error)} It will try again in a few seconds.
            </p>
          ) : !query.data ? (
            <p className="px-4 py-6 text-sm text-slate-600">Loading…</p>
          ) : query.data.items.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-600">Nothing yet. Requests waiting for you, decisions on your requests and changes to what your teams use appear here.</p>
          ) : (
            <ul className="max-h-[26rem] divide-y divide-slate-100 overflow-y-auto">
              {query.data.items.map((item) => (
                <li key={item.id} className={item.readAt ? "" : "bg-brand-50/60"}>
                  <button type="button" onClick={() => openItem(item)} className="block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none" data-testid="notification-item">
                    <span className="flex items-center justify-between gap-3 text-xs text-slate-600">
                      <span>{kindLabel(item.kind)}</span>
                      <span className="flex items-center gap-1.5">
                        {!item.readAt && <span className="sr-only">Unread. </span>}
                        {!item.readAt && <span aria-hidden className="h-2 w-2 rounded-full bg-brand-600" />}
                        {formatRelative(item.createdAt)}
                      </span>
                    </span>
                    <span className={`mt-0.5 block text-sm ${item.readAt ? "text-slate-800" : "font-medium text-slate-900"}`}>{item.title}</span>
                    <NotificationBody body={item.body} compact />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="border-t border-slate-100 px-4 py-2.5 text-right">
            <Link href="/notifications" onClick={() => setOpen(false)} className="text-sm font-medium text-brand-700 hover:text-brand-800">
              See all notifications
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
