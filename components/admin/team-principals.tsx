"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiRequest, errorMessage } from "@/components/ui/api-request";
import { describedBy, Field, inputClass, secondaryButton } from "@/components/ui/field";

export type Principals = { kafkaPrincipal: string | null; postgresRole: string | null };

/** The service principals a consumer team's grants go to; empty means the default, shown as the placeholder. */
export function TeamPrincipals({ team, current, defaults, domainSlug }: { team: { id: string; name: string }; current: Principals; defaults: { kafkaPrincipal: string; postgresRole: string }; domainSlug: string }) {
  const queryClient = useQueryClient();
  const [kafka, setKafka] = useState(current.kafkaPrincipal ?? "");
  const [role, setRole] = useState(current.postgresRole ?? "");
  const save = useMutation({
    mutationFn: () => apiRequest(`/api/v1/teams/${team.id}/principals`, { method: "PUT", json: { kafkaPrincipal: kafka.trim() || null, postgresRole: role.trim() || null } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["domain", domainSlug] }),
  });
  const errors = save.error instanceof ApiError ? Object.fromEntries(save.error.details.map((d) => [d.path, d.message])) : {};
  const idBase = `principals-${team.id}`;
  const changed = (kafka.trim() || null) !== current.kafkaPrincipal || (role.trim() || null) !== current.postgresRole;
  return (
    <details className="mt-3 rounded-md border border-slate-200 bg-slate-50/60 px-3 py-2 text-sm" data-testid={`principals-${team.id}`}>
      <summary className="cursor-pointer text-xs font-medium break-all text-slate-600">
        Service principals: <code className="font-mono">{current.postgresRole ?? defaults.postgresRole}</code>, <code className="font-mono">{current.kafkaPrincipal ?? defaults.kafkaPrincipal}</code>
      </summary>
      <form
        className="mt-2 flex flex-wrap items-start gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field id={`${idBase}-pg`} label="PostgreSQL role" error={errors.postgresRole} className="min-w-[12rem] flex-1">
          <input id={`${idBase}-pg`} value={role} onChange={(e) => setRole(e.target.value)} placeholder={defaults.postgresRole} className={`${inputClass} py-1.5 font-mono`} {...describedBy(`${idBase}-pg`, errors.postgresRole)} />
        </Field>
        <Field id={`${idBase}-kafka`} label="Kafka principal" error={errors.kafkaPrincipal} className="min-w-[12rem] flex-1">
          <input id={`${idBase}-kafka`} value={kafka} onChange={(e) => setKafka(e.target.value)} placeholder={defaults.kafkaPrincipal} className={`${inputClass} py-1.5 font-mono`} {...describedBy(`${idBase}-kafka`, errors.kafkaPrincipal)} />
        </Field>
        <button type="submit" disabled={!changed || save.isPending} className={`${secondaryButton} mt-6 py-1.5`} aria-label={`Save principals of ${team.name}`}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <p className="w-full text-xs text-slate-500">Leave a field empty for the default. Existing grants keep their old principal until they are provisioned again.</p>
        {save.error && !Object.keys(errors).length && (
          <p role="alert" className="w-full text-xs text-red-600">
            {errorMessage(save.error)}
          </p>
        )}
      </form>
    </details>
  );
}
