"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Section } from "@/components/ui/card";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import type { Jsonified } from "@/components/ui/jsonified";
import type { TeamWebhookView, WebhookDeliveryView } from "@/lib/webhooks/get-team-webhook";

type View = Jsonified<TeamWebhookView>;
type Delivery = Jsonified<WebhookDeliveryView>;

const STATE: Record<Delivery["state"], { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "sky" },
  retrying: { label: "Retrying", tone: "amber" },
  delivered: { label: "Delivered", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

function DeliveryRow({ delivery, onResend, resending }: { delivery: Delivery; onResend: () => void; resending: boolean }) {
  const state = STATE[delivery.state];
  return (
    <tr data-testid="webhook-delivery" className="align-top">
      <td className="whitespace-nowrap px-4 py-3 text-slate-700">
        <time dateTime={delivery.createdAt} title={formatDateTime(delivery.createdAt)}>
          {formatRelative(delivery.createdAt)}
        </time>
      </td>
      <td className="px-4 py-3 font-mono text-xs text-slate-800">{delivery.kind}</td>
      <td className="px-4 py-3">
        <Badge tone={state.tone} dot>
          {state.label}
        </Badge>
        {delivery.resentFromId && <span className="ml-2 text-xs text-slate-600">resend</span>}
      </td>
      <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
        {delivery.attempts} of {delivery.maxAttempts}
      </td>
      <td className="px-4 py-3 tabular-nums text-slate-700">{delivery.responseStatus ?? "—"}</td>
      <td className="max-w-xs px-4 py-3 text-slate-700">
        {delivery.lastError ? <span className="break-words text-red-700">{delivery.lastError}</span> : delivery.deliveredAt ? `Delivered ${formatRelative(delivery.deliveredAt)}` : "—"}
        {delivery.state === "retrying" && delivery.nextAttemptAt && <span className="block text-xs text-slate-600">Next attempt {formatRelative(delivery.nextAttemptAt)}</span>}
      </td>
      <td className="px-4 py-3 text-right">
        <button type="button" onClick={onResend} disabled={resending} className="text-sm font-medium text-brand-700 hover:text-brand-800 disabled:text-slate-500" aria-label={`Resend ${delivery.kind} from ${formatDateTime(delivery.createdAt)}`}>
          Resend
        </button>
      </td>
    </tr>
  );
}

/** A team's webhook for its owners: URL, secret (shown once), rotation, test event, and every delivery with resend. */
export function TeamWebhookSettings({ teamId, initial }: { teamId: string; initial: View }) {
  const queryClient = useQueryClient();
  const key = ["team-webhook", teamId];
  const base = `/api/v1/teams/${teamId}/webhook`;
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => apiRequest<View>(base, { signal }), initialData: initial, refetchInterval: 5_000, placeholderData: keepPreviousData });
  const view = query.data;
  const [url, setUrl] = useState(view.webhook?.url ?? "");
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "remove" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  // The address rules (no internal hosts, http:// only to localhost in demo mode) are the server's; the browser checks the shape.
  const form = useFormValidation(
    collectProblems([["webhook-url", "Endpoint URL", !url.trim() ? "is required" : /^https?:\/\/[^\s/]+/i.test(url.trim()) ? undefined : "must be a web address starting with https://"]]),
  );
  const save = useMutation({
    mutationFn: () => apiRequest<{ url: string; secret: string | null }>(base, { method: "PUT", json: { url } }),
    onError: (error) => form.serverError(error, fieldTargets({ url: { id: "webhook-url", label: "Endpoint URL" } })),
    onSuccess: (saved) => {
      if (saved.secret) setSecret(saved.secret);
      setNotice(saved.secret ? null : "Webhook URL saved.");
      void refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: () => apiRequest<{ secret: string }>(`${base}/secret`, { method: "POST" }),
    onSuccess: (r) => {
      setSecret(r.secret);
      setConfirm(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiRequest(base, { method: "DELETE" }),
    onSuccess: () => {
      setConfirm(null);
      setSecret(null);
      setUrl("");
      setNotice("Webhook removed.");
      void refresh();
    },
  });
  const test = useMutation({ mutationFn: () => apiRequest(`${base}/test`, { method: "POST" }), onSuccess: () => (setNotice("Test event queued; it appears below in a moment."), void refresh()) });
  const resend = useMutation({ mutationFn: (id: string) => apiRequest(`${base}/deliveries/${id}/resend`, { method: "POST" }), onSuccess: () => (setNotice("Queued again."), void refresh()) });

  const urlError = form.error("webhook-url");
  const otherError = [test.error, resend.error].find(Boolean);

  return (
    <div className="space-y-6">
      <Section
        id="webhook"
        title="Webhook"
        description="Meshwork POSTs every notification for this team to this URL as JSON, signed with the team's secret (Meshwork-Signature: t=<unix seconds>,v1=<HMAC-SHA256 of “t.body”>), and retries failures with exponential backoff."
      >
        <div className="space-y-4 px-5 py-4">
          <form
            {...form.formProps(() => {
              setNotice(null);
              save.mutate();
            })}
            className="flex flex-wrap items-end gap-3"
          >
            <div className="w-full empty:hidden">
              <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId="webhook-errors" headingLevel={3} />
            </div>
            <Field id="webhook-url" label="Endpoint URL" required hint="https:// (http:// to localhost only in demo mode). Internal addresses are refused." error={urlError} className="min-w-0 flex-1 basis-72">
              <input id="webhook-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/meshwork" className={inputClass} {...form.control("webhook-url", { hint: true, required: true })} />
            </Field>
            <button type="submit" className={`${primaryButton} ${urlError ? "mb-6" : "mb-5"}`} disabled={save.isPending}>
              {save.isPending ? "Saving…" : view.webhook ? "Save URL" : "Add webhook"}
            </button>
          </form>
          {secret && (
            <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="webhook-secret">
              <p className="text-sm font-medium text-amber-900">Signing secret: copy it now, it is not shown again.</p>
              <div className="mt-2 flex items-center gap-2">
                <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900">{secret}</code>
                <CopyButton value={secret} label="Copy secret" />
              </div>
            </div>
          )}
          {view.webhook && (
            <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4 text-sm text-slate-700">
              <span>
                Set {formatRelative(view.webhook.createdAt)}; secret last replaced {formatRelative(view.webhook.secretRotatedAt)}.
              </span>
              <span className="ml-auto flex gap-2">
                <button type="button" className={secondaryButton} onClick={() => test.mutate()} disabled={test.isPending}>
                  Send test event
                </button>
                <button type="button" className={secondaryButton} onClick={() => setConfirm("rotate")}>
                  Replace secret
                </button>
                <button type="button" className={secondaryButton} onClick={() => setConfirm("remove")}>
                  Remove
                </button>
              </span>
            </div>
          )}
          {notice && (
            <p role="status" className="text-sm text-emerald-800">
              {notice}
            </p>
          )}
          {otherError && (
            <p role="alert" className="text-sm text-red-700">
              {errorMessage(otherError)}
            </p>
          )}
        </div>
      </Section>

      <Section id="deliveries" title="Deliveries" description="Newest first. A failed delivery can be sent again; each success and final failure is in the audit log.">
        {view.deliveries.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-600">{view.webhook ? "No deliveries yet. Send a test event to check your endpoint." : "No deliveries: add a webhook URL above to receive this team's notifications."}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-100 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    When
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Event
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    State
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Attempts
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Response
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Last error
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {view.deliveries.map((d) => (
                  <DeliveryRow key={d.id} delivery={d} onResend={() => resend.mutate(d.id)} resending={resend.isPending || !view.webhook} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <ConfirmDialog
        open={confirm === "rotate"}
        onClose={() => setConfirm(null)}
        onConfirm={() => rotate.mutate()}
        title="Replace the signing secret?"
        description="Deliveries from now on are signed with a new secret; your receiver must use it to verify them."
        testId="rotate-secret-dialog"
        confirmLabel="Replace secret"
        pendingLabel="Replacing…"
        pending={rotate.isPending}
        error={rotate.error ? errorMessage(rotate.error) : undefined}
      />
      <ConfirmDialog
        open={confirm === "remove"}
        onClose={() => setConfirm(null)}
        onConfirm={() => remove.mutate()}
        title="Remove the webhook?"
        description="This team's notifications are no longer sent to it; deliveries still waiting fail."
        testId="remove-webhook-dialog"
        confirmLabel="Remove webhook"
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </div>
  );
}
