"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { apiRequest } from "@/components/ui/api-request";
import { fieldTargets } from "@/components/forms/form-problems";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { Modal } from "@/components/ui/modal";
import type { Incident, IncidentList } from "./quality-types";
import { formatMeasured } from "./status-badge";

const REASONS = [
  ["false_positive", "False positive: the check is wrong"],
  ["fixed_upstream", "Fixed upstream"],
  ["accepted", "Accepted: known and tolerated"],
] as const;

export function openFor(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

function ResolveDialog({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const router = useRouter();
  const [reason, setReason] = useState<string>("fixed_upstream");
  const [note, setNote] = useState("");
  const noteId = `note-${incident.id}`;
  const form = useFormValidation(note.length > 2000 ? [{ id: noteId, label: "Note", message: "must be at most 2000 characters" }] : []);
  const resolve = useMutation({
    mutationFn: () => apiRequest(`/api/v1/incidents/${incident.id}/resolve`, { method: "POST", json: { reason, ...(note.trim() ? { note } : {}) } }),
    onSuccess: () => {
      onClose();
      router.refresh();
    },
    onError: (error) => form.serverError(error, fieldTargets({ note: { id: noteId, label: "Note" } })),
  });
  return (
    <Modal open onClose={onClose} title="Resolve the incident" description={`${incident.product.name} · ${incident.port.name}: ${incident.check.name}. The team and the port's subscribers are told.`} testId="resolve-dialog">
      <form className="space-y-3" {...form.formProps(() => resolve.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} intro="The incident was not resolved." testId="resolve-errors" headingLevel={3} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Reason</legend>
          {REASONS.map(([value, label]) => (
            <label key={value} className="mt-2 flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="reason" value={value} checked={reason === value} onChange={() => setReason(value)} />
              {label}
            </label>
          ))}
        </fieldset>
        <Field id={noteId} label="Note (optional)" error={form.error(noteId)}>
          <textarea id={noteId} className={inputClass} rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...form.control(noteId)} />
        </Field>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={primaryButton} disabled={resolve.isPending} data-testid="confirm-resolve">
            {resolve.isPending ? "Resolving…" : "Resolve"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Open incidents across the mesh (products the viewer may see), oldest first, with how long each has been open. */
export function IncidentsTable({ incidents }: { incidents: IncidentList }) {
  const [resolving, setResolving] = useState<Incident | null>(null);
  if (incidents.items.length === 0) return (
      <EmptyState title="No open incidents" testId="no-incidents">
        Every error-severity check of every product you can see passes. An incident opens here when one fails.
      </EmptyState>
    );
  return (
    <div tabIndex={0} role="region" aria-label="Incidents" className="overflow-x-auto rounded-xl border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-brand-500">
      <table className="w-full min-w-[48rem] text-left text-sm" data-testid="incidents">
        <thead className="border-b border-slate-100 text-xs text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Product and port</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Failing check</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last measured</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Owning team</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Open for</th>
            <th scope="col" className="px-4 py-2.5 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {incidents.items.map((i) => (
            <tr key={i.id} id={`incident-${i.id}`} data-testid="incident" data-check={i.check.key}>
              <td className="px-4 py-3 align-top">
                <Link href={`${i.product.href}#quality`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {i.product.name}
                </Link>
                <div className="text-xs text-slate-600">
                  {i.product.domain} · {i.port.name}
                </div>
              </td>
              <td className="px-4 py-3 align-top text-slate-800">{i.check.name}</td>
              <td className="px-4 py-3 align-top font-mono text-xs text-slate-800">
                {formatMeasured(i.lastMeasured, null)} <span className="text-slate-600">(expected {i.threshold ?? "a pass"})</span>
                <div className="font-sans text-slate-600">{i.failedRuns} failing run{i.failedRuns === 1 ? "" : "s"}</div>
              </td>
              <td className="px-4 py-3 align-top text-slate-800">{i.team.name}</td>
              <td className="px-4 py-3 align-top text-slate-800" title={`Opened ${formatDateTime(i.openedAt)}`} data-testid="incident-open-for">
                {openFor(i.openForSeconds)}
              </td>
              <td className="px-4 py-3 text-right align-top">
                {i.canResolve && (
                  <button type="button" className={secondaryButton} onClick={() => setResolving(i)} data-testid="resolve-incident">
                    Resolve
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {resolving && <ResolveDialog incident={resolving} onClose={() => setResolving(null)} />}
    </div>
  );
}
