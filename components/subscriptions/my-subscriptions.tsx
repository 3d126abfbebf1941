"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate, formatDateTime, formatRelative } from "@/components/ui/format-date";
import { secondaryButton } from "@/components/ui/field";
import { ApprovalChain } from "./approval-chain";
import { expiresInWords, GrantList } from "./grant-list";
import { RenewDialog } from "./renew-dialog";
import { SubscriptionStateBadge } from "./subscription-state-badge";
import { productHref, type SubscriptionView } from "./subscription-types";

const APPROVED_STATES = ["provisioning", "active"];
const REASON_LABELS: Record<string, string> = { rejected: "Why it was rejected", revoked: "Why it was revoked", expired: "Why it ended", ended: "Why it was ended", renewed: "Renewed" };
const QUERY_KEY = ["subscriptions", "mine"];

function SubscriptionCard({ sub }: { sub: SubscriptionView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const pending = sub.state === "pending_approval";
  const cancel = useMutation({
    // A request still waiting is withdrawn; approved access is ended (the worker revokes the grants).
    mutationFn: () => apiRequest(`/api/v1/subscriptions/${sub.id}/${pending ? "cancel" : "end"}`, { method: "POST", json: {} }),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    },
  });
  const renewalWaiting = sub.renewal?.state === "pending_approval";
  const canRenew = (APPROVED_STATES.includes(sub.state) || sub.state === "expired") && !renewalWaiting;
  const expires = expiresInWords(sub.expiresInDays);
  const product = sub.product;
  const href = productHref(product.urn);
  const steps = sub.approval?.steps ?? [];
  return (
    <Card testId="subscription" className="overflow-hidden">
      <article aria-label={`${product.name} ${sub.port.name} for ${sub.consumerTeam.name}`} data-state={sub.state}>
        <header className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
          <div className="min-w-0">
            <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
              <Link href={href} className="hover:text-brand-700 hover:underline">
                {product.name}
              </Link>
              <span className="text-slate-300">/</span>
              <Link href={`${href}/ports/${sub.port.name}`} className="font-mono text-sm hover:text-brand-700 hover:underline">
                {sub.port.name}
              </Link>
              <SubscriptionStateBadge state={sub.state} />
            </h2>
            <p className="mt-1 text-xs text-slate-500">
              For <span className="font-medium text-slate-700">{sub.consumerTeam.name}</span> · requested{" "}
              <time dateTime={sub.createdAt} title={formatDateTime(sub.createdAt)} suppressHydrationWarning>
                {formatRelative(sub.createdAt)}
              </time>
              {" · "}
              {sub.endsAt ? `${sub.state === "expired" ? "ended" : "ends"} ${formatDate(sub.endsAt)}` : sub.durationDays ? `${sub.durationDays} days once approved` : "no end"}
              {expires && (
                <>
                  {" · "}
                  <span className={`font-medium ${(sub.expiresInDays ?? 99) <= 14 ? "text-amber-800" : "text-slate-700"}`} data-testid="expires-in">
                    {expires}
                  </span>
                </>
              )}
            </p>
            {renewalWaiting && (
              <p className="mt-1 text-xs font-medium text-sky-800" data-testid="renewal-waiting">
                Renewal requested: waiting for approval. The current access stays until then.
              </p>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            {canRenew && (
              <button type="button" onClick={() => setRenewing(true)} className={secondaryButton}>
                Renew
              </button>
            )}
            {(pending || APPROVED_STATES.includes(sub.state)) && (
              <button type="button" onClick={() => setConfirming(true)} className="px-2 text-sm font-medium text-slate-700 hover:text-red-700 hover:underline">
                {pending ? "Withdraw request" : "End access"}
              </button>
            )}
          </div>
        </header>
        <div className="grid gap-5 px-5 py-4 md:grid-cols-2">
          <div className="space-y-3 text-sm">
            <div>
              <h3 className="text-xs font-medium text-slate-500">Purpose</h3>
              <p className="mt-0.5 text-slate-800" data-testid="subscription-purpose">
                {sub.purpose}
              </p>
            </div>
            {sub.intendedUse && (
              <div>
                <h3 className="text-xs font-medium text-slate-500">Intended use</h3>
                <p className="mt-0.5 text-slate-800">{sub.intendedUse}</p>
              </div>
            )}
            {sub.reason && (
              <div className="rounded-lg border border-red-200 bg-red-50 px-3 py-2" data-testid="subscription-reason">
                <h3 className="text-xs font-medium text-red-700">{REASON_LABELS[sub.state] ?? "Reason"}</h3>
                <p className="mt-0.5 text-red-900">{sub.reason}</p>
              </div>
            )}
          </div>
          <div>
            <h3 className="mb-2 text-xs font-medium text-slate-500">Approval chain</h3>
            <ApprovalChain steps={steps} autoApproved={steps.length === 0} testId="subscription-chain" sent />
          </div>
        </div>
        {sub.grants.length > 0 && (
          <div className="border-t border-slate-100 px-5 py-3">
            <h3 className="mb-2 text-xs font-medium text-slate-500">Grants</h3>
            <GrantList grants={sub.grants} />
          </div>
        )}
      </article>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => cancel.mutate()}
        title={pending ? "Withdraw this request?" : `End ${sub.consumerTeam.name}'s access?`}
        description={pending ? "The approvers no longer see it. You can request again later." : "The team loses access to this port now: the worker revokes its grants. You can request it again later."}
        testId="cancel-subscription-dialog"
        confirmLabel={pending ? "Withdraw request" : "End access"}
        pendingLabel={pending ? "Withdrawing…" : "Ending…"}
        pending={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : undefined}
      />
      <RenewDialog
        subscriptionId={sub.id}
        open={renewing}
        onClose={() => setRenewing(false)}
        onRenewed={() => {
          setRenewing(false);
          void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
        }}
      />
    </Card>
  );
}

/** The signed-in user's subscription requests and their teams' subscriptions, refreshed while the page is open. */
export function MySubscriptions({ initialItems }: { initialItems?: SubscriptionView[] }) {
  const subscriptions = useQuery({
    queryKey: QUERY_KEY,
    queryFn: () => apiRequest<{ items: SubscriptionView[] }>("/api/v1/subscriptions?mine=true").then((r) => r.items),
    initialData: initialItems,
    // Approvals and grants happen elsewhere (other people, the worker): poll so states move on without a reload.
    refetchInterval: 3_000,
  });
  if (subscriptions.isPending) return <p className="text-sm text-slate-500">Loading your subscriptions…</p>;
  if (subscriptions.isError && !subscriptions.data) {
    return (
      <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="subscriptions-error">
        Could not load your subscriptions: {errorMessage(subscriptions.error)} The page retries on its own; reload it if this stays.
      </div>
    );
  }
  const items = subscriptions.data ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        testId="subscriptions-empty"
        title="No subscriptions yet"
        action={
          <Link href="/search" className="text-sm font-medium text-brand-700 hover:underline">
            Find a data product
          </Link>
        }
      >
        Open a data product and choose <strong className="font-medium text-slate-700">Request access</strong> on the port you need. Your requests and your teams&apos; access show up here.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4" data-testid="subscriptions-list">
      {items.map((sub) => (
        <SubscriptionCard key={sub.id} sub={sub} />
      ))}
    </div>
  );
}
