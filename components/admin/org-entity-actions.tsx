"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, fieldTargets, length } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { Modal } from "@/components/ui/modal";

/** Rename and delete for one domain (`/api/v1/domains/<slug>`) or team (`/api/v1/teams/<id>`); a refused delete says why. */
export function OrgEntityActions({ kind, url, name, description }: { kind: "domain" | "team"; url: string; name: string; description: string }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [values, setValues] = useState({ name, description });
  const refresh = () => client.invalidateQueries({ predicate: (q) => ["domains", "domain"].includes(String(q.queryKey[0])) });
  const id = `${kind}-${url.split("/").pop()}`;
  const form = useFormValidation(
    collectProblems([
      [`${id}-name`, "Name", length(values.name, 2, 80)],
      [`${id}-description`, "Description", values.description.length > 2000 ? "must be at most 2000 characters" : undefined],
    ]),
  );
  const save = useMutation({
    mutationFn: () => apiRequest(url, { method: "PATCH", json: values }),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
    },
    onError: (error) =>
      form.serverError(error, fieldTargets({ name: { id: `${id}-name`, label: "Name" }, description: { id: `${id}-description`, label: "Description" } })),
  });
  const remove = useMutation({
    mutationFn: () => apiRequest(url, { method: "DELETE" }),
    onSuccess: async () => {
      setDeleting(false);
      await refresh();
    },
  });
  return (
    <span className="flex shrink-0 items-center gap-2 text-xs">
      <button type="button" className="rounded border border-slate-300 px-2 py-1 font-medium text-slate-700 hover:bg-slate-50" onClick={() => { setValues({ name, description }); save.reset(); form.reset(); setEditing(true); }} aria-label={`Rename ${name}`}>
        Rename
      </button>
      <button type="button" className="rounded border border-red-200 px-2 py-1 font-medium text-red-700 hover:bg-red-50" onClick={() => { remove.reset(); setDeleting(true); }} aria-label={`Delete ${name}`}>
        Delete
      </button>
      <Modal open={editing} onClose={() => setEditing(false)} title={`Rename ${kind} ${name}`} testId={`${id}-edit`} description="The slug in URLs and URNs stays the same.">
        <form className="space-y-3" {...form.formProps(() => save.mutate())}>
          <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId={`${id}-errors`} headingLevel={3} />
          <Field id={`${id}-name`} label="Name" required error={form.error(`${id}-name`)}>
            <input id={`${id}-name`} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} className={inputClass} {...form.control(`${id}-name`, { required: true })} />
          </Field>
          <Field id={`${id}-description`} label="Description" error={form.error(`${id}-description`)}>
            <textarea id={`${id}-description`} rows={3} value={values.description} onChange={(e) => setValues({ ...values, description: e.target.value })} className={inputClass} {...form.control(`${id}-description`)} />
          </Field>
          <div className="flex justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className={primaryButton} disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </button>
          </div>
        </form>
      </Modal>
      <ConfirmDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate()}
        title={`Delete ${kind} ${name}?`}
        description={kind === "domain" ? "Only a domain without teams and products can be deleted." : "Only a team that owns no products and never subscribed can be deleted."}
        testId={`${id}-delete`}
        confirmLabel={`Delete ${kind}`}
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : undefined}
      />
    </span>
  );
}
