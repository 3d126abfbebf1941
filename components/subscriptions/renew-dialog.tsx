"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { primaryButton, secondaryButton } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import type { previewRenewal } from "@/lib/subscriptions/renew-subscription";
import type { Jsonified } from "@/components/ui/jsonified";
import { ApprovalChain } from "./approval-chain";

/** GET /api/v1/subscriptions/{id}/renew as the browser receives it. */
type RenewalPreview = Jsonified<Awaited<ReturnType<typeof previewRenewal>>>;

/** The one-click renewal: what the request will go through (shortened when nothing changed), then Renew. */
export function RenewDialog({ subscriptionId, open, onClose, onRenewed }: { subscriptionId: string; open: boolean; onClose: () => void; onRenewed: () => void }) {
  const preview = useQuery({
    queryKey: ["renewal-preview", subscriptionId],
    queryFn: () => apiRequest<RenewalPreview>(`/api/v1/subscriptions/${subscriptionId}/renew`),
    enabled: open,
  });
  const renew = useMutation({
    mutationFn: () => apiRequest(`/api/v1/subscriptions/${subscriptionId}/renew`, { method: "POST", json: {} }),
    onSuccess: onRenewed,
  });
  const p = preview.data;
  return (
    <Modal open={open} onClose={onClose} title="Renew this subscription?" description="A new request for the same port, purpose and length. The current access stays until the renewal is approved." testId="renew-dialog" wide>
      {preview.isPending && <p className="text-sm text-slate-600">Working out the approval chain…</p>}
      {preview.isError && (
        <p role="alert" className="text-sm text-red-700">
          Could not prepare the renewal: {errorMessage(preview.error)}
        </p>
      )}
      {p && (
        <div className="space-y-3 text-sm">
          <p className="text-slate-700">
            <span className="font-medium">{p.port}</span> for {p.durationDays ? `${p.durationDays} days` : "no end"}: “{p.purpose}”
          </p>
          {p.shortened ? (
            <p className="rounded-lg border border-green-200 bg-green-50 px-3 py-2 text-green-900" data-testid="renewal-shortened">
              Nothing changed since the last approval (same classification, no new personal data), so this renewal skips the steward step.
            </p>
          ) : p.changes.length > 0 && !p.unchangedSinceApproval ? (
            <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" data-testid="renewal-changes">
              Since the last approval {p.changes.join("; ")}, so the full approval chain applies.
            </p>
          ) : null}
          <ApprovalChain steps={p.steps} autoApproved={p.autoApproved} testId="renewal-chain" />
        </div>
      )}
      {renew.isError && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {errorMessage(renew.error)}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={primaryButton} disabled={!p || renew.isPending} onClick={() => renew.mutate()}>
          {renew.isPending ? "Sending…" : p?.autoApproved ? "Renew now" : "Send renewal request"}
        </button>
      </div>
    </Modal>
  );
}
