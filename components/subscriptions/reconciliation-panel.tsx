"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { primaryButton } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import type { Jsonified } from "@/components/ui/jsonified";
import type { getReconciliation } from "@/lib/provisioning/request-reconciliation";

/** GET /api/v1/reconciliation as the browser receives it. */
export type Reconciliation = Jsonified<Awaited<ReturnType<typeof getReconciliation>>>;

const KEY = ["reconciliation"];
const REPAIR_LABEL: Record<string, string> = { restored: "Re-created", removed: "Removed", retried: "Retried" };

/** For stewards: the worker's checks of every grant against PostgreSQL, a Check now button, and the recent repairs. */
export function ReconciliationPanel({ initial }: { initial: Reconciliation }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: () => apiRequest<Reconciliation>("/api/v1/reconciliation"), initialData: initial, refetchInterval: (q) => (q.state.data?.runs.some((r) => !r.finishedAt) ? 1_000 : 10_000) });
  const check = useMutation({
    mutationFn: () => apiRequest("/api/v1/reconciliation/check", { method: "POST", json: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }),
  });
  const { runs, repairs } = query.data;
  const running = runs.find((r) => !r.finishedAt);
  const last = runs.find((r) => r.finishedAt);
  return (
    <Section
      id="reconciliation"
      title="Grant reconciliation"
      description="The worker compares every grant with PostgreSQL on a schedule: it re-creates grants that went missing, removes ones no subscription justifies (Meshwork's own roles, on product tables) and retries failed ones."
      action={
        <button type="button" className={`${primaryButton} whitespace-nowrap`} onClick={() => check.mutate()} disabled={check.isPending || Boolean(running)}>
          {running ? (running.startedAt ? "Checking…" : "Queued…") : "Check now"}
        </button>
      }
    >
      <div className="space-y-4 px-5 py-4">
        <p className="text-sm text-slate-700" data-testid="reconciliation-status" aria-live="polite">
          {running
            ? running.startedAt
              ? "Checking every grant now…"
              : "Check queued: the worker picks it up in a moment."
            : last
              ? `Last check ${formatDateTime(last.finishedAt!)} (${last.trigger === "manual" ? `asked for by ${last.requestedBy?.name ?? "someone"}` : "scheduled"}): ${last.checked} grant${last.checked === 1 ? "" : "s"} checked, ${last.repairs} repair${last.repairs === 1 ? "" : "s"}${last.error ? `; it failed: ${last.error}` : ""}.`
              : "No check has run yet. Is the worker running (npm start starts it)?"}
        </p>
        {check.isError && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(check.error)}
          </p>
        )}
        <div>
          <h3 className="mb-2 text-xs font-medium text-slate-600">Recent repairs</h3>
          {repairs.length === 0 ? (
            <EmptyState compact icon={null} title="Nothing repaired" testId="repairs-empty">
              Every grant matched PostgreSQL at each check.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="repairs">
              {repairs.map((r) => (
                <li key={r.id} className="px-3 py-2 text-sm" data-testid="repair" data-repair={r.repair}>
                  <p className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span className="font-medium text-slate-900">{REPAIR_LABEL[r.repair] ?? r.repair}</span>
                    <time className="text-xs text-slate-600" dateTime={r.at}>
                      {formatDateTime(r.at)}
                    </time>
                  </p>
                  <p className="mt-0.5 text-xs text-slate-700">{r.summary}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
}
