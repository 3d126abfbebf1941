"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatRelative } from "@/components/ui/format-date";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets, length, wholeNumber } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton } from "@/components/ui/field";

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };
type CreatedToken = Omit<Token, "lastUsedAt" | "revokedAt"> & { token: string };

function tokenState(t: Token, now: number): { label: string; tone: "green" | "red" | "slate" } {
  if (t.revokedAt) return { label: "Revoked", tone: "red" };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < now) return { label: "Expired", tone: "slate" };
  return { label: "Active", tone: "green" };
}

/** Personal API tokens: create (shown once), list and revoke. */
export function TokenManager() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: () => apiRequest<{ items: Token[] }>("/api/v1/tokens").then((r) => r.items) });
  const [name, setName] = useState("");
  const [days, setDays] = useState("90");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [now] = useState(() => Date.now());

  const form = useFormValidation(
    collectProblems([
      ["token-name", "Token name", length(name, 1, 80)],
      ["token-expiry", "Expires after", days.trim() ? wholeNumber(days, 1, 365) : undefined],
    ]),
  );
  const create = useMutation({
    mutationFn: () => apiRequest<CreatedToken>("/api/v1/tokens", { method: "POST", json: { name, ...(days ? { expiresInDays: Number(days) } : {}) } }),
    onSuccess: async (token) => {
      setCreated(token);
      setName("");
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
    onError: (error) =>
      form.serverError(error, fieldTargets({ name: { id: "token-name", label: "Token name" }, expiresInDays: { id: "token-expiry", label: "Expires after" } })),
  });
  const revoke = useMutation({
    mutationFn: (t: Token) => apiRequest(`/api/v1/tokens/${t.id}`, { method: "DELETE" }),
    onSuccess: async (_, t) => {
      setRevoking(null);
      if (created?.id === t.id) setCreated(null);
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-4 lg:col-span-1">
        <Card className="p-5" testId="create-token">
          <h2 className="font-semibold text-slate-900">New token</h2>
          <p className="mt-0.5 text-sm text-slate-500">For CI jobs and scripts. A token acts as you, with your permissions.</p>
          <form className="mt-4 space-y-3" {...form.formProps(() => create.mutate())}>
            <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId="create-token-errors" headingLevel={3} />
            <Field id="token-name" label="Token name" required error={form.error("token-name")} hint="Say where it is used, e.g. “orders CI”.">
              <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="orders CI" className={inputClass} {...form.control("token-name", { hint: true, required: true })} />
            </Field>
            <Field id="token-expiry" label="Expires after (days)" error={form.error("token-expiry")} hint="1–365 days; leave empty for a token that never expires.">
              <input id="token-expiry" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} placeholder="never" className={inputClass} {...form.control("token-expiry", { hint: true })} />
            </Field>
            <button type="submit" disabled={create.isPending} className={`${primaryButton} w-full`}>
              {create.isPending ? "Creating…" : "Create token"}
            </button>
          </form>
        </Card>
      </div>

      <div className="min-w-0 space-y-4 lg:col-span-2">
        {created && (
          <div role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-5" data-testid="new-token">
            <div className="flex items-start justify-between gap-3">
              <div>
                <h2 className="font-semibold text-amber-900">Copy your new token “{created.name}” now</h2>
                <p className="mt-0.5 text-sm text-amber-800">This is the only time it is shown: Meshwork stores only a hash. If you lose it, revoke it and create another.</p>
              </div>
              <button type="button" onClick={() => setCreated(null)} className="shrink-0 text-sm font-medium text-amber-800 hover:text-amber-950">
                Done
              </button>
            </div>
            <div className="mt-3 flex items-center gap-2 rounded-md border border-amber-200 bg-white px-3 py-2">
              <code className="min-w-0 flex-1 select-all break-all font-mono text-sm text-slate-900" data-testid="new-token-value">
                {created.token}
              </code>
              <CopyButton value={created.token} label="Copy token" />
            </div>
            <p className="mt-2 text-xs text-amber-800">
              Use it as <code className="rounded bg-white/70 px-1">Authorization: Bearer {created.prefix}…</code>
            </p>
          </div>
        )}

        <Card className="overflow-hidden">
          {tokens.isPending && <div className="h-24 animate-pulse bg-slate-50" />}
          {tokens.isError && <p className="p-5 text-sm text-red-600">{errorMessage(tokens.error)}</p>}
          {tokens.data?.length === 0 && (
            <EmptyState compact title="No API tokens yet">
              Create one to call the Meshwork API from CI, e.g. to check a contract before publishing it.
            </EmptyState>
          )}
          {!!tokens.data?.length && (
            <div className="overflow-x-auto"><table className="w-full text-sm" data-testid="token-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="px-4 py-2.5">Name</th>
                  <th className="px-4 py-2.5">Prefix</th>
                  <th className="px-4 py-2.5">Created</th>
                  <th className="px-4 py-2.5">Last used</th>
                  <th className="px-4 py-2.5">Expires</th>
                  <th className="px-4 py-2.5">Status</th>
                  <th className="px-4 py-2.5">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.data.map((t) => {
                  const state = tokenState(t, now);
                  return (
                    <tr key={t.id} className={t.revokedAt ? "text-slate-400" : ""} data-testid="token-row">
                      <td className="px-4 py-3 font-medium text-slate-900">{t.name}</td>
                      <td className="px-4 py-3">
                        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{t.prefix}…</code>
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600" title={t.createdAt}>{formatDate(t.createdAt)}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600" title={t.lastUsedAt ?? undefined}>{t.lastUsedAt ? formatRelative(t.lastUsedAt, now) : "Never"}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{t.expiresAt ? formatDate(t.expiresAt) : "Never"}</td>
                      <td className="px-4 py-3">
                        <Badge tone={state.tone} dot>
                          {state.label}
                        </Badge>
                        {t.revokedAt && <span className="mt-0.5 block text-xs">{formatDate(t.revokedAt)}</span>}
                      </td>
                      <td className="px-4 py-3 text-right">
                        {!t.revokedAt && (
                          <button type="button" onClick={() => { revoke.reset(); setRevoking(t); }} className="text-sm font-medium text-red-600 hover:text-red-800" aria-label={`Revoke ${t.name}`}>
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table></div>
          )}
        </Card>
      </div>

      <ConfirmDialog
        open={!!revoking}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Anything still using this token will get 401 Unauthorized from now on. This cannot be undone."
        testId="revoke-token-dialog"
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : undefined}
      />
    </div>
  );
}
