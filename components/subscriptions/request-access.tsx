"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { apiRequest } from "@/components/ui/api-request";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets, length, wholeNumber } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";
import { ApprovalChain } from "./approval-chain";
import type { SubscriptionPreview, SubscriptionView } from "./subscription-types";

export type RequestablePort = { id: string; name: string; type: string; location: string | null };
export type ConsumerTeam = { id: string; name: string };

const DEFAULT_DAYS = 90;

type Draft = { portId: string; teamId: string; purpose: string; intendedUse: string; durationDays: number | null; noEnd: boolean };

const requestBody = (d: Draft) => ({ port: d.portId, consumerTeam: d.teamId, purpose: d.purpose.trim(), intendedUse: d.intendedUse.trim(), ...(d.noEnd ? { durationDays: null } : d.durationDays !== null ? { durationDays: d.durationDays } : {}) });

const newKey = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

// The API's paths for the form's controls (SubscriptionRequestInput's fields).
const TARGETS = fieldTargets({
  port: { id: "request-port", label: "Output port" },
  consumerTeam: { id: "request-team", label: "Consuming team" },
  purpose: { id: "request-purpose", label: "Purpose" },
  intendedUse: { id: "request-use", label: "Intended use" },
  durationDays: { id: "request-duration", label: "Duration" },
});

const STATE_TEXT: Record<string, string> = {
  pending_approval: "Your request waits for approval. You can follow it in My subscriptions.",
  provisioning: "Approved. Access is being granted now; it shows as active in My subscriptions once the grant is applied.",
  active: "Access is active.",
};

/** "Request access" button and its dialog: port, consuming team, purpose, intended use and duration, with the approval chain shown before sending. */
export function RequestAccess({ productName, ports, teams, portId, compact = false }: { productName: string; ports: RequestablePort[]; teams: ConsumerTeam[]; portId?: string; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid={portId ? "request-port-access" : "request-access"}
        className={compact ? "text-xs font-medium whitespace-nowrap text-brand-700 hover:underline" : `${primaryButton} h-9 px-3! py-0!`}
      >
        Request access{compact && <span aria-hidden> →</span>}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={`Request access to ${productName}`} description={teams.length > 0 ? "Your team becomes a consumer of the port once every approver in the chain agrees." : undefined} testId="request-access-dialog" wide>
        {open && <RequestForm ports={ports} teams={teams} initialPortId={portId ?? ports[0]?.id ?? ""} onClose={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

function RequestForm({ ports, teams, initialPortId, onClose }: { ports: RequestablePort[]; teams: ConsumerTeam[]; initialPortId: string; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>({ portId: initialPortId, teamId: teams[0]?.id ?? "", purpose: "", intendedUse: "", durationDays: null, noEnd: false });
  const [idempotencyKey] = useState(newKey);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const previewInput = { portId: draft.portId, teamId: draft.teamId };
  const preview = useQuery({
    queryKey: ["subscription-preview", previewInput.portId, previewInput.teamId],
    queryFn: () => apiRequest<SubscriptionPreview>("/api/v1/subscriptions/preview", { method: "POST", json: { port: previewInput.portId, consumerTeam: previewInput.teamId } }),
    enabled: !!previewInput.portId && !!previewInput.teamId,
    staleTime: 0,
  });
  const maxDays = preview.data?.port.maxDurationDays;
  const allowNoEnd = preview.data?.port.allowNoEnd ?? false;
  // Until the requester picks a duration, the server's default for this port (90 days, or the port's maximum if lower).
  const shownDays = draft.durationDays ?? preview.data?.durationDays ?? Math.min(DEFAULT_DAYS, maxDays ?? DEFAULT_DAYS);

  const form = useFormValidation(
    collectProblems([
      ["request-purpose", "Purpose", length(draft.purpose, 3, 2000)],
      ["request-duration", "Duration", draft.noEnd && allowNoEnd ? undefined : wholeNumber(String(shownDays), 1, maxDays ?? 3650)],
    ]),
  );
  const send = useMutation({
    mutationFn: () => apiRequest<SubscriptionView>("/api/v1/subscriptions", { method: "POST", json: requestBody({ ...draft, noEnd: draft.noEnd && allowNoEnd }), headers: { "idempotency-key": idempotencyKey } }),
    onError: (error) => form.serverError(error, TARGETS),
  });
  const fieldError = form.error;

  if (teams.length === 0) {
    return (
      <div className="space-y-4" data-testid="request-access-no-team">
        <p className="text-sm text-slate-700">Access is granted to a team, not to a person, and you are in no team yet.</p>
        <p className="text-sm text-slate-600">Ask a platform admin to add you to the team you work in (or to create one for you), then come back here.</p>
        <div className="flex justify-end">
          <button type="button" onClick={onClose} className={secondaryButton}>
            Close
          </button>
        </div>
      </div>
    );
  }

  if (send.isSuccess) {
    const sub = send.data;
    return (
      <div className="space-y-4" data-testid="request-access-sent" data-state={sub.state}>
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-900">
          <strong className="font-medium">Request sent.</strong> {STATE_TEXT[sub.state] ?? ""}
        </p>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className={secondaryButton}>
            Close
          </button>
          <Link href="/subscriptions" className={primaryButton}>
            My subscriptions
          </Link>
        </div>
      </div>
    );
  }

  const port = ports.find((p) => p.id === draft.portId);
  return (
    <form className="space-y-4" {...form.formProps(() => send.mutate())}>
      <ErrorSummary focusKey={form.focusKey} problems={form.summary} intro="The request was not sent." testId="request-access-error" headingLevel={3} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="request-port" label="Output port" error={fieldError("request-port")} hint={port?.location ? <code className="font-mono">{port.location}</code> : undefined}>
          <select id="request-port" value={draft.portId} onChange={(e) => set("portId", e.target.value)} className={inputClass} {...form.control("request-port", { hint: !!port?.location })}>
            {ports.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.type === "table" ? "table" : "topic"})
              </option>
            ))}
          </select>
        </Field>
        <Field id="request-team" label="Consuming team" error={fieldError("request-team")} hint="The team whose role receives the grant.">
          <select id="request-team" value={draft.teamId} onChange={(e) => set("teamId", e.target.value)} className={inputClass} {...form.control("request-team", { hint: true })}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field id="request-purpose" label="Purpose" required error={fieldError("request-purpose")} hint="What the data is for; the approvers read this.">
        <textarea id="request-purpose" rows={2} value={draft.purpose} onChange={(e) => set("purpose", e.target.value)} placeholder="e.g. Weekly churn dashboard for the retention team" className={inputClass} maxLength={2000} {...form.control("request-purpose", { hint: true, required: true })} />
      </Field>
      <Field id="request-use" label="Intended use (optional)" error={fieldError("request-use")}>
        <input id="request-use" value={draft.intendedUse} onChange={(e) => set("intendedUse", e.target.value)} placeholder="e.g. Read nightly into our BI warehouse; no export outside the company" className={inputClass} maxLength={2000} {...form.control("request-use")} />
      </Field>
      <Field id="request-duration" label="Duration in days" error={fieldError("request-duration")} hint={maxDays ? `At most ${maxDays} days for this port${allowNoEnd ? ", or no end" : ""}.` : `Default ${DEFAULT_DAYS} days.`}>
        <div className="flex items-center gap-3">
          <input
            id="request-duration"
            type="number"
            min={1}
            max={maxDays}
            value={shownDays}
            disabled={draft.noEnd}
            onChange={(e) => set("durationDays", Number(e.target.value))}
            className={`${inputClass} w-28!`}
            {...form.control("request-duration", { hint: true })}
          />
          {allowNoEnd && (
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={draft.noEnd} onChange={(e) => set("noEnd", e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
              No end
            </label>
          )}
        </div>
      </Field>

      {port?.type === "kafka_topic" && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2.5 text-xs text-amber-900" data-testid="topic-access-note">
          Meshwork records and approves access to topics, but does not set Kafka ACLs on the cluster yet: once approved, ask the platform team to apply the grant. Table ports are granted in PostgreSQL automatically.
        </p>
      )}

      <section aria-label="Approval chain" className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        <h3 className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Who approves, and why</h3>
        {preview.isPending && previewInput.portId && previewInput.teamId ? (
          <p className="text-sm text-slate-500">Working out the approval chain…</p>
        ) : preview.isError ? (
          <p role="alert" className="text-sm text-red-700" data-testid="preview-error">
            {preview.error.message}
          </p>
        ) : preview.data ? (
          <>
            <ApprovalChain steps={preview.data.steps} autoApproved={preview.data.autoApproved} testId="preview-chain" />
            {/* The steps carry their own reasons; an auto-approval says here why it needs none. */}
            {preview.data.autoApproved && <p className="mt-2 text-xs text-slate-500">{preview.data.rationale}</p>}
          </>
        ) : null}
      </section>

      <div className="flex justify-end gap-2 pt-1">
        <button type="button" onClick={onClose} className={secondaryButton}>
          Cancel
        </button>
        <button type="submit" disabled={send.isPending} className={primaryButton} data-testid="send-request">
          {send.isPending ? "Sending…" : "Send request"}
        </button>
      </div>
    </form>
  );
}
