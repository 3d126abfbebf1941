"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/ui/api-request";
import { NOTIFICATIONS_KEY } from "./notification-types";

/** Marks ids (or all) read, then refreshes every notifications query (the bell and the page alike). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => apiRequest<{ marked: number; unreadCount: number }>("/api/v1/notifications/read", { method: "POST", json: body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
