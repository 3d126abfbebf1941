"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { ContractChange } from "@/lib/contracts/contract-change";
import { ContractChanges } from "@/components/contracts/contract-changes";
import { yamlDownloadUrl } from "@/components/contracts/contract-api";
import { ApprovalChain } from "@/components/subscriptions/approval-chain";
import { productHref, type InboxItem } from "@/components/subscriptions/subscription-types";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { ApiError, apiRequest, errorMessage } from "@/components/ui/api-request";
import { FieldError } from "@/components/ui/field";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";

type Decision = "approve" | "reject";
type Toast = { tone: "ok" | "bad"; text: string };

const QUERY_KEY = ["approvals-inbox"];

/** "3 hours", "2 days": how long a step has waited. */
function waited(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

function SubscriptionDetails({ item }: { item: InboxItem }) {
  const sub = item.subjectSummary.subscription;
  return (
    <div className="grid gap-5 px-5 py-4 md:grid-cols-2">
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="text-xs font-medium text-slate-500">Purpose</dt>
          <dd className="mt-0.5 text-slate-900" data-testid="approval-purpose">
            {item.purpose}
          </dd>
        </div>
        {sub?.intendedUse && (
          <div>
            <dt className="text-xs font-medium text-slate-500">Intended use</dt>
            <dd className="mt-0.5 text-slate-800">{sub.intendedUse}</dd>
          </div>
        )}
        <div className="inline-block pr-8 align-top">
          <dt className="text-xs font-medium text-slate-500">Consuming team</dt>
          <dd className="mt-0.5 text-slate-800">{sub?.consumerTeam.name}</dd>
        </div>
        <div className="inline-block align-top">
          <dt className="text-xs font-medium text-slate-500">Duration</dt>
          <dd className="mt-0.5 text-slate-800">{sub?.durationDays ? `${sub.durationDays} days` : "No end"}</dd>
        </div>
      </dl>
      <div>
        <h3 className="mb-2 text-xs font-medium text-slate-500">Approval chain</h3>
        <ApprovalChain steps={item.steps} testId="inbox-chain" />
      </div>
    </div>
  );
}

function ContractDetails({ item }: { item: InboxItem }) {
  const version = item.subjectSummary.contractVersion;
  const changes = Array.isArray(version?.changes) ? (version.changes as ContractChange[]) : [];
  return (
    <div className="max-h-[28rem] overflow-y-auto pb-3">
      <ContractChanges changes={changes} emptyText="No semantic changes were recorded against the active version." />
    </div>
  );
}

function ApprovalCard({ item, onDecided }: { item: InboxItem; onDecided: (item: InboxItem, decision: Decision, comment: string) => void }) {
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const summary = item.subjectSummary;
  const isSubscription = item.subject === "subscription";
  const href = productHref(summary.product.urn);
  const commentId = `decision-comment-${item.id}`;
  // A rejection ends the request: the requester needs to know why. Rejecting is the form's submit; approving needs no comment.
  const form = useFormValidation(collectProblems([[commentId, isSubscription ? "Comment" : "Note", comment.trim() ? undefined : "is required to reject: say why, so the requester knows what to change"]]));
  const decide = useMutation({
    mutationFn: (decision: Decision) => apiRequest(`/api/v1/approvals/${item.id}/${decision}`, { method: "POST", json: { comment, stepId: item.step.id } }),
    onSuccess: (_, decision) => onDecided(item, decision, comment),
    onError: (error) => {
      // Someone else decided meanwhile: the inbox catches up.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
      form.serverError(error, fieldTargets({ comment: { id: commentId, label: isSubscription ? "Comment" : "Note" } }));
    },
  });
  return (
    <Card testId="approval-item" className="overflow-hidden">
      <article aria-label={item.title} data-subject={item.subject}>
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <Badge tone={isSubscription ? "blue" : "violet"}>{isSubscription ? "Access request" : "Contract version"}</Badge>
              <Link href={href} className="hover:text-slate-800 hover:underline">
                {summary.product.name}
              </Link>
              <span className="text-slate-300">/</span>
              <Link href={`${href}/ports/${summary.port.name}${isSubscription ? "" : "?tab=versions"}`} className="font-mono hover:text-slate-800 hover:underline">
                {summary.port.name}
              </Link>
            </p>
            <h2 className="mt-1.5 text-lg font-semibold text-slate-900">
              {isSubscription ? (
                <>
                  {summary.subscription?.consumerTeam.name} wants to read <span className="font-mono text-base">{summary.port.name}</span>
                </>
              ) : (
                <>
                  Version <span className="font-mono">{summary.contractVersion?.version}</span>
                </>
              )}
            </h2>
            <p className="mt-1 text-xs text-slate-500">
              {item.requester ? <>By {item.requester.name} · </> : null}
              <span data-testid="approval-waited" title={`Waiting since ${formatDateTime(item.waitingSince)}`} className="font-medium text-amber-700">
                waiting for {waited(item.waitedMs)}
              </span>
              {" · "}requested{" "}
              <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)} suppressHydrationWarning>
                {formatRelative(item.createdAt)}
              </time>
            </p>
            <p className="mt-1 text-xs text-slate-600">
              You decide step {item.step.position + 1} of {item.steps.length}, as {item.step.kind === "steward" ? "a governance steward" : `an owner of ${item.step.team?.name ?? "the owning team"}`}.
            </p>
          </div>
          {!isSubscription && (
            <a href={yamlDownloadUrl(item.subjectId)} className="text-sm font-medium text-brand-700 hover:underline">
              Download YAML
            </a>
          )}
        </header>
        {isSubscription ? <SubscriptionDetails item={item} /> : <ContractDetails item={item} />}
        <form className="flex flex-wrap items-end gap-3 border-t border-slate-100 bg-slate-50/60 px-5 py-4" {...form.formProps(() => decide.mutate("reject"))}>
          <div className="w-full empty:hidden">
            <ErrorSummary problems={form.summary} focusKey={form.focusKey} testId="reject-needs-reason" headingLevel={3} />
          </div>
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor={commentId} className="block text-xs font-medium text-slate-600">
              {isSubscription ? "Comment (required to reject: the requester reads it)" : "Note to the owners (required to reject)"}
              <textarea
                id={commentId}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                rows={2}
                maxLength={2000}
                placeholder={isSubscription ? "e.g. Use the aggregated sessions table instead; it has no e-mail addresses." : "e.g. Consumers of customer_id were told on 3 March."}
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-normal text-slate-800 shadow-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none aria-[invalid=true]:border-red-400"
                {...form.control(commentId)}
              />
            </label>
            <FieldError id={commentId} error={form.error(commentId)} />
          </div>
          <div className="flex gap-2">
            <button type="submit" disabled={decide.isPending} className="rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 disabled:opacity-50">
              Reject
            </button>
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate("approve")} className="rounded-md bg-emerald-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-emerald-700 disabled:opacity-50">
              Approve
            </button>
          </div>
        </form>
      </article>
    </Card>
  );
}

/** The one inbox: every approval step the signed-in user may decide now (access requests and contract versions), oldest wait first, kept live. */
export function ApprovalsInbox({ initialItems }: { initialItems: InboxItem[] }) {
  const queryClient = useQueryClient();
  const [toast, setToast] = useState<Toast | null>(null);
  const approvals = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => apiRequest<{ items: InboxItem[] }>("/api/v1/approvals").then((r) => r.items),
    initialData: initialItems,
    refetchInterval: 5_000,
  });
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 5000);
    return () => clearTimeout(t);
  }, [toast]);

  function decided(item: InboxItem, decision: Decision, comment: string) {
    queryClient.setQueryData<InboxItem[]>(QUERY_KEY, (items) => (items ?? []).filter((i) => i.id !== item.id));
    void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    const what = item.title;
    const last = item.step.position === item.steps.length - 1;
    setToast(
      decision === "approve"
        ? { tone: "ok", text: last ? `Approved: ${what}.` : `Approved your step of ${what}; it moves on to the next approver.` }
        : { tone: "bad", text: comment ? `Rejected ${what} — “${comment}”` : `Rejected ${what}.` },
    );
  }

  const items = approvals.data ?? [];
  return (
    <>
      {approvals.isError && (
        <p role="alert" className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900" data-testid="approvals-stale">
          Could not refresh the inbox ({errorMessage(approvals.error)}). It retries on its own; what you see may be out of date.
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState
          testId="approvals-empty"
          title="Nothing waits for you"
          icon={
            <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
              <path d="m5 10.5 3 3 7-7.5" />
            </svg>
          }
        >
          Access requests to your team&apos;s products, and (for stewards) requests that need governance and incompatible new contract versions, appear here as they come in.
        </EmptyState>
      ) : (
        <div className="space-y-5" data-testid="approvals-list">
          <p className="text-sm text-slate-500">
            {items.length} waiting for you, longest wait first.
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
