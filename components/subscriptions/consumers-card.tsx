"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets, length } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { apiRequest } from "@/components/ui/api-request";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { dangerButton, Field, inputClass, secondaryButton } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format-date";
import type { Jsonified } from "@/components/ui/jsonified";
import { Modal } from "@/components/ui/modal";
import type { listPortConsumers } from "@/lib/subscriptions/list-port-consumers";
import { expiresInWords, GrantList } from "./grant-list";

/** GET /api/v1/data-products/{id}/consumers as the browser receives it. */
export type ProductConsumers = Jsonified<Awaited<ReturnType<typeof listPortConsumers>>>;
type Consumer = ProductConsumers["consumers"][number];

/** Revoke with a reason (owners of the product's team, stewards): the consuming team is told why. */
function RevokeDialog({ consumer, open, onClose, onRevoked }: { consumer: Consumer; open: boolean; onClose: () => void; onRevoked: () => void }) {
  const [reason, setReason] = useState("");
  const id = `revoke-reason-${consumer.subscriptionId}`;
  const form = useFormValidation(collectProblems([[id, "Reason", length(reason, 3, 2000)]]));
  const revoke = useMutation({
    mutationFn: () => apiRequest(`/api/v1/subscriptions/${consumer.subscriptionId}/revoke`, { method: "POST", json: { reason } }),
    onSuccess: () => {
      setReason("");
      form.reset();
      onRevoked();
    },
    onError: (error) => form.serverError(error, fieldTargets({ reason: { id, label: "Reason" } })),
  });
  return (
    <Modal open={open} onClose={onClose} title={`Revoke ${consumer.team.name}'s access?`} description={`${consumer.team.name} can no longer read ${consumer.port.name} once the worker revokes its grants. They are told your reason.`} testId="revoke-dialog">
      <form className="space-y-3" {...form.formProps(() => revoke.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} intro="Access was not revoked." testId="revoke-errors" headingLevel={3} />
        <Field id={id} label="Reason" required hint="At least 3 characters; the consuming team sees it." error={form.error(id)}>
          <textarea id={id} className={inputClass} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...form.control(id, { hint: true, required: true })} />
        </Field>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={dangerButton} disabled={revoke.isPending}>
            {revoke.isPending ? "Revoking…" : "Revoke access"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ConsumerRow({ c, canRevoke, onChanged }: { c: Consumer; canRevoke: boolean; onChanged: () => void }) {
  const [revoking, setRevoking] = useState(false);
  const expires = expiresInWords(c.expiresInDays);
  return (
    <li className="px-5 py-3 text-sm" data-testid="consumer" data-subscription-id={c.subscriptionId}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <span className="font-medium text-slate-900">{c.team.name}</span>
        <span className="flex items-center gap-3">
          <code className="font-mono text-xs text-slate-600">{c.port.name}</code>
          {canRevoke && (
            <button type="button" className="text-xs font-medium text-red-700 hover:underline" onClick={() => setRevoking(true)}>
              Revoke
            </button>
          )}
        </span>
      </div>
      <p className="mt-0.5 text-xs text-slate-600">{c.purpose}</p>
      <p className="mt-1 text-xs text-slate-600">
        {c.state === "provisioning" ? "Being granted now" : c.since ? `Since ${formatDate(c.since)}` : "Active"}
        {" · "}
        {c.until ? `until ${formatDate(c.until)}` : "no end"}
        {expires && (
          <>
            {" · "}
            <span className="font-medium text-slate-800" data-testid="expires-in">
              {expires}
            </span>
          </>
        )}
      </p>
      {c.grants.length > 0 && (
        <div className="mt-2">
          <GrantList grants={c.grants} testId="consumer-grants" />
        </div>
      )}
      {canRevoke && (
        <RevokeDialog
          consumer={c}
          open={revoking}
          onClose={() => setRevoking(false)}
          onRevoked={() => {
            setRevoking(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

/** Who reads from this product: team, port, purpose, since and until, grants; kept live as approvals and grants land. */
export function ConsumersCard({ productId, initial }: { productId: string; initial: ProductConsumers }) {
  const queryClient = useQueryClient();
  const key = ["product-consumers", productId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => apiRequest<ProductConsumers>(`/api/v1/data-products/${productId}/consumers`),
    initialData: initial,
    refetchInterval: 15_000,
  });
  const { consumers, canRevoke } = query.data;
  return (
    <Section id="consumers" title="Consumers" description={canRevoke ? "Teams with access to this product's ports. You can revoke access with a reason." : "Teams with access to this product's ports."}>
      {consumers.length === 0 ? (
        <EmptyState compact icon={null} title="No consumers yet" testId="consumers-empty">
          Teams that are granted access appear here with their purpose.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="consumers">
          {consumers.map((c) => (
            <ConsumerRow key={c.subscriptionId} c={c} canRevoke={canRevoke} onChanged={() => void queryClient.invalidateQueries({ queryKey: key })} />
          ))}
        </ul>
      )}
    </Section>
  );
}
