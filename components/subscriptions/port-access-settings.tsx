"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets, wholeNumber } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { apiRequest } from "@/components/ui/api-request";
import { Section } from "@/components/ui/card";
import { Field, inputClass, primaryButton } from "@/components/ui/field";

export type PortAccess = { selfService: boolean; maxDurationDays: number; allowNoEnd: boolean };

/** Owners' settings for who may get access to a port without asking, for how long, and whether "no end" is allowed. */
export function PortAccessSettings({ portRef, initial }: { portRef: string; initial: PortAccess }) {
  const router = useRouter();
  const [saved, setSaved] = useState(initial);
  // The switches are the draft; the longest access is the box's text (`days`), which may not be a number while it is typed.
  const [draft, setDraft] = useState(initial);
  const [days, setDays] = useState(String(initial.maxDurationDays));
  const form = useFormValidation(collectProblems([["port-max-days", "Longest access", wholeNumber(days, 1, 3650)]]));
  const save = useMutation({
    mutationFn: (body: PortAccess) => apiRequest<PortAccess>(`/api/v1/ports/${encodeURIComponent(portRef)}/access`, { method: "PUT", json: body }),
    onSuccess: (answer) => {
      const next = { selfService: answer.selfService, maxDurationDays: answer.maxDurationDays, allowNoEnd: answer.allowNoEnd };
      setSaved(next);
      setDraft(next);
      setDays(String(next.maxDurationDays));
      router.refresh();
    },
    onError: (error) => form.serverError(error, fieldTargets({ maxDurationDays: { id: "port-max-days", label: "Longest access" } })),
  });
  const daysError = form.error("port-max-days");
  const edited: PortAccess = { ...draft, maxDurationDays: Number(days) };
  const changed = edited.selfService !== saved.selfService || edited.maxDurationDays !== saved.maxDurationDays || edited.allowNoEnd !== saved.allowNoEnd;
  return (
    <Section id="port-access" title="Access settings" description="How teams get access to this port. Sensitive products always need an owner and a governance steward, whatever is set here.">
      <form className="space-y-4 px-5 py-4" data-testid="port-access-settings" {...form.formProps(() => save.mutate(edited))}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId="port-access-error" headingLevel={3} />
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" checked={draft.selfService} onChange={(e) => setDraft({ ...draft, selfService: e.target.checked })} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
          <span>
            <span className="font-medium text-slate-800">Self-service</span>
            <span className="block text-xs text-slate-500">Requests to a public or internal product without personal data are approved at once. Off: an owner of your team approves each one.</span>
          </span>
        </label>
        <div className="flex flex-wrap items-end gap-6">
          <Field id="port-max-days" label="Longest access, in days" required error={daysError} hint="Requests default to 90 days, or this if it is shorter.">
            <input
              id="port-max-days"
              type="number"
              min={1}
              max={3650}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              className={`${inputClass} w-32!`}
              {...form.control("port-max-days", { hint: true, required: true })}
            />
          </Field>
          <label className="flex items-center gap-3 pb-6 text-sm">
            <input type="checkbox" checked={draft.allowNoEnd} onChange={(e) => setDraft({ ...draft, allowNoEnd: e.target.checked })} className="h-4 w-4 rounded border-slate-300" />
            <span className="font-medium text-slate-800">Allow access with no end</span>
          </label>
        </div>
        <div className="flex items-center gap-3">
          <button type="submit" disabled={!changed || save.isPending} className={primaryButton}>
            {save.isPending ? "Saving…" : "Save access settings"}
          </button>
          {save.isSuccess && !changed && (
            <span role="status" className="text-sm text-emerald-700" data-testid="port-access-saved">
              Saved.
            </span>
          )}
        </div>
      </form>
    </Section>
  );
}

/** What a requester needs to know of the settings; who approves depends on the product and the requester, so the request form says. */
export function PortAccessSummary({ access }: { access: PortAccess }) {
  return (
    <p className="text-sm text-slate-600" data-testid="port-access-summary">
      Access to this port lasts at most {access.maxDurationDays} days{access.allowNoEnd ? " (or has no end)" : ""}.{" "}
      {access.selfService ? "Requests for non-sensitive data are approved at once" : "The owning team approves every request"}; the request form shows who approves yours and why.
    </p>
  );
}
