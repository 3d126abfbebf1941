"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { secondaryButton } from "@/components/ui/field";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import { kindLabel } from "./notification-bell";
import { NotificationBody } from "./notification-body";
import { NOTIFICATIONS_KEY, type NotificationList } from "./notification-types";
import { useMarkRead } from "./use-mark-read";

const PAGE_SIZE = 20;

/** The /notifications page: every notification of the caller, paged, with an unread filter and mark read. */
export function NotificationCentre({ initial }: { initial: NotificationList }) {
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const markRead = useMarkRead();
  const query = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, "page", page, unreadOnly],
    queryFn: ({ signal }) => apiRequest<NotificationList>(`/api/v1/notifications?page=${page}&pageSize=${PAGE_SIZE}${unreadOnly ? "&unread=true" : ""}`, { signal }),
    initialData: page === 1 && !unreadOnly ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="unread-summary">
          {data ? (data.unreadCount === 0 ? "All read." : `${data.unreadCount} unread.`) : ""}
        </p>
        <div className="flex items-center gap-3">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => {
                setUnreadOnly(e.target.checked);
                setPage(1);
              }}
              className="h-4 w-4 rounded border-slate-300"
            />
            Unread only
          </label>
          <button type="button" className={secondaryButton} disabled={!data || data.unreadCount === 0 || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            Mark all read
          </button>
        </div>
      </div>
      {markRead.isError && (
        <p role="alert" className="text-sm text-red-700">
          Could not mark them read: {errorMessage(markRead.error)} Try again.
        </p>
      )}
      {query.isError && !data ? (
        <p role="alert" className="text-sm text-red-700">
          Could not load your notifications: {errorMessage(query.error)} Reload the page to try again.
        </p>
      ) : !data ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : data.items.length === 0 ? (
        <EmptyState title={unreadOnly ? "Nothing unread" : "No notifications yet"} testId="notifications-empty">
          {unreadOnly ? "You have read everything. Clear “Unread only” to see older ones." : "Requests waiting for your decision, decisions on your requests, access grants, deprecations and new contract versions of what your teams use appear here."}
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="notification-list">
            {data.items.map((item) => (
              <li key={item.id} className={`flex gap-4 px-5 py-4 ${item.readAt ? "" : "bg-brand-50/50"}`} data-testid="notification-row">
                <span aria-hidden className={`mt-2 h-2 w-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-brand-600"}`} />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-x-3 text-xs text-slate-600">
                    <span>{kindLabel(item.kind)}</span>
                    <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
                      {formatRelative(item.createdAt)}
                    </time>
                    {!item.readAt && <span className="font-medium text-brand-700">Unread</span>}
                  </p>
                  <h2 className={`mt-0.5 text-sm ${item.readAt ? "font-normal text-slate-800" : "font-semibold text-slate-900"}`}>
                    {item.link ? (
                      <Link href={item.link} onClick={() => !item.readAt && markRead.mutate({ ids: [item.id] })} className="hover:underline">
                        {item.title}
                      </Link>
                    ) : (
                      item.title
                    )}
                  </h2>
                  <NotificationBody body={item.body} />
                </div>
                {!item.readAt && (
                  <button type="button" onClick={() => markRead.mutate({ ids: [item.id] })} className="h-fit shrink-0 text-sm font-medium text-brand-700 hover:text-brand-800" aria-label={`Mark read: ${item.title}`}>
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {data && pages > 1 && (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-700">
          <button type="button" className={secondaryButton} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" className={secondaryButton} disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            Older
          </button>
        </nav>
      )}
    </div>
  );
}
