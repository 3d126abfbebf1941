"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { apiRequest } from "@/components/ui/api-request";
import { fieldTargets } from "@/components/forms/form-problems";
import { Field, inputClass, secondaryButton } from "@/components/ui/field";

export type Principals = { kafkaPrincipal: string | null; postgresRole: string | null };

/** The service principals a consumer team's grants go to; empty means the default, shown as the placeholder. */
export function TeamPrincipals({ team, current, defaults, domainSlug }: { team: { id: string; name: string }; current: Principals; defaults: { kafkaPrincipal: string; postgresRole: string }; domainSlug: string }) {
  const queryClient = useQueryClient();
  const [kafka, setKafka] = useState(current.kafkaPrincipal ?? "");
  const [role, setRole] = useState(current.postgresRole ?? "");
  const idBase = `principals-${team.id}`;
  // The name rules are the server's (TeamPrincipalsInput); what it refuses comes back to the summary and the fields.
  const form = useFormValidation([]);
  const save = useMutation({
    mutationFn: () => apiRequest(`/api/v1/teams/${team.id}/principals`, { method: "PUT", json: { kafkaPrincipal: kafka.trim() || null, postgresRole: role.trim() || null } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["domain", domainSlug] }),
    onError: (error) =>
      form.serverError(error, fieldTargets({ postgresRole: { id: `${idBase}-pg`, label: "PostgreSQL role" }, kafkaPrincipal: { id: `${idBase}-kafka`, label: "Kafka principal" } })),
  });
  const changed = (kafka.trim() || null) !== current.kafkaPrincipal || (role.trim() || null) !== current.postgresRole;
  return (
    <details className="mt-3 rounded-md border border-slate-200 bg-slate-50/60 px-3 py-2 text-sm" data-testid={`principals-${team.id}`}>
      <summary className="cursor-pointer text-xs font-medium break-all text-slate-600 [overflow-wrap:anywhere]">
        Service principals: <code className="font-mono">{current.postgresRole ?? defaults.postgresRole}</code>, <code className="font-mono">{current.kafkaPrincipal ?? defaults.kafkaPrincipal}</code>
      </summary>
      <form className="mt-2 flex flex-wrap items-start gap-2" {...form.formProps(() => save.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId={`${idBase}-errors`} headingLevel={3} />
        <Field id={`${idBase}-pg`} label="PostgreSQL role" error={form.error(`${idBase}-pg`)} className="min-w-0 flex-1 basis-48">
          <input id={`${idBase}-pg`} value={role} onChange={(e) => setRole(e.target.value)} placeholder={defaults.postgresRole} className={`${inputClass} py-1.5 font-mono`} {...form.control(`${idBase}-pg`)} />
        </Field>
        <Field id={`${idBase}-kafka`} label="Kafka principal" error={form.error(`${idBase}-kafka`)} className="min-w-0 flex-1 basis-48">
          <input id={`${idBase}-kafka`} value={kafka} onChange={(e) => setKafka(e.target.value)} placeholder={defaults.kafkaPrincipal} className={`${inputClass} py-1.5 font-mono`} {...form.control(`${idBase}-kafka`)} />
        </Field>
        <button type="submit" disabled={!changed || save.isPending} className={`${secondaryButton} mt-6 py-1.5`} aria-label={`Save principals of ${team.name}`}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <p className="w-full text-xs text-slate-500">Leave a field empty for the default. Existing grants keep their old principal until they are provisioned again.</p>
      </form>
    </details>
  );
}
