"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { ContractChange } from "@/lib/contracts/contract-change";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import { apiRequest } from "@/components/ui/api-request";
import { yamlDownloadUrl } from "./contract-api";
import { ContractChanges } from "./contract-changes";

export type PendingApproval = {
  id: string;
  version: string;
  createdAt: Date | string;
  changes: unknown;
  port: { name: string; location: string | null; dataProduct: { urn: string; name: string; slug: string; domain: { slug: string } } };
};

type Decision = "approve" | "reject";
type Toast = { tone: "ok" | "bad"; text: string };

function ApprovalCard({ item, onDecided }: { item: PendingApproval; onDecided: (item: PendingApproval, decision: Decision, note: string) => void }) {
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (decision: Decision) => apiRequest<{ status: string }>(`/api/v1/contracts/${item.id}/${decision}`, { method: "POST", json: { note } }),
    onSuccess: (_, decision) => onDecided(item, decision, note),
  });
  const changes = Array.isArray(item.changes) ? (item.changes as ContractChange[]) : [];
  const breaking = changes.filter((c) => c.breaking).length;
  const product = item.port.dataProduct;
  const productHref = `/products/${product.domain.slug}/${product.slug}`;
  const portHref = `${productHref}/ports/${item.port.name}`;
  return (
    <Card testId="approval-item" className="overflow-hidden">
      <article aria-label={`${product.name} ${item.port.name} ${item.version}`}>
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            <p className="text-xs text-slate-500">
              <Link href={productHref} className="hover:text-slate-800 hover:underline">
                {product.name}
              </Link>
              <span className="mx-1.5 text-slate-300">/</span>
              <Link href={`${portHref}?tab=versions`} className="hover:text-slate-800 hover:underline">
                {item.port.name}
              </Link>
            </p>
            <h2 className="mt-1 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
              Version <span className="font-mono">{item.version}</span>
              <Badge tone="amber" dot>
                Pending approval
              </Badge>
              {breaking > 0 && <Badge tone="red">{breaking} breaking</Badge>}
            </h2>
            <p className="mt-1 text-xs text-slate-500">
              {item.port.location && <code className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">{item.port.location}</code>}
              Submitted{" "}
              <time dateTime={new Date(item.createdAt).toISOString()} title={formatDateTime(item.createdAt)} suppressHydrationWarning>
                {formatRelative(item.createdAt)}
              </time>
            </p>
          </div>
          <a href={yamlDownloadUrl(item.id)} className="text-sm font-medium text-brand-700 hover:underline">
            Download YAML
          </a>
        </header>
        <div className="max-h-[28rem] overflow-y-auto pb-3">
          <ContractChanges changes={changes} emptyText="No semantic changes were recorded against the active version." />
        </div>
        <footer className="flex flex-wrap items-end gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4">
          <label className="min-w-64 flex-1 text-xs font-medium text-slate-600">
            Note to the owners (optional)
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              rows={2}
              maxLength={2000}
              placeholder="e.g. Consumers of customer_id were told on 3 March."
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal text-slate-800 shadow-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate("reject")}
              className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:opacity-50"
            >
              Reject
            </button>
            <button
              type="button"
              disabled={decide.isPending}
              onClick={() => decide.mutate("approve")}
              className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-emerald-700 disabled:opacity-50"
            >
              Approve
            </button>
          </div>
          {decide.isError && (
            <p role="alert" className="w-full text-sm text-red-700">
              {decide.error.message}
            </p>
          )}
        </footer>
      </article>
    </Card>
  );
}

/** The stewards' inbox of new major contract versions; a decided item leaves the list. */
export function ApprovalsInbox({ initialItems }: { initialItems: PendingApproval[] }) {
  const queryClient = useQueryClient();
  const [toast, setToast] = useState<Toast | null>(null);
  const approvals = useQuery({
    queryKey: ["contract-approvals"],
    queryFn: () => apiRequest<{ items: PendingApproval[] }>("/api/v1/contract-approvals").then((r) => r.items),
    initialData: initialItems,
    refetchInterval: 30_000,
  });
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(t);
  }, [toast]);

  function decided(item: PendingApproval, decision: Decision, note: string) {
    queryClient.setQueryData<PendingApproval[]>(["contract-approvals"], (items) => (items ?? []).filter((i) => i.id !== item.id));
    const what = `${item.port.dataProduct.name} · ${item.port.name} ${item.version}`;
    setToast({ tone: decision === "approve" ? "ok" : "bad", text: decision === "approve" ? `Approved ${what}: it is now the active version.` : note ? `Rejected ${what} — “${note}”` : `Rejected ${what}; the active version stays live.` });
  }

  const items = approvals.data ?? [];
  return (
    <>
      {items.length === 0 ? (
        <EmptyState
          testId="approvals-empty"
          title="Nothing waits for approval"
          icon={
            <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
              <path d="m5 10.5 3 3 7-7.5" />
            </svg>
          }
        >
          When an owner publishes an incompatible new major contract version, it appears here with its breaking changes.
        </EmptyState>
      ) : (
        <div className="space-y-5" data-testid="approvals-list">
          <p className="text-sm text-slate-500">
            {items.length} version{items.length === 1 ? "" : "s"} waiting, oldest first.
          </p>
          {items.map((item) => (
            <ApprovalCard key={item.id} item={item} onDecided={decided} />
          ))}
        </div>
      )}
      {toast && (
        <div
          role="status"
          data-testid="approval-toast"
          className={`fixed right-6 bottom-6 z-50 flex max-w-md items-start gap-3 rounded-lg px-4 py-3 text-sm text-white shadow-lg ${toast.tone === "ok" ? "bg-emerald-700" : "bg-slate-800"}`}
        >
          <span className="flex-1">{toast.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setToast(null)} className="text-white/70 hover:text-white">
            ✕
          </button>
        </div>
      )}
    </>
  );
}
