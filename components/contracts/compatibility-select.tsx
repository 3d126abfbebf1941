"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "@/components/ui/api-request";
import { portApi } from "./contract-api";

const MODES: { value: string; hint: string }[] = [
  { value: "BACKWARD", hint: "consumers on the new schema can read data written with the previous one" },
  { value: "BACKWARD_TRANSITIVE", hint: "…with every earlier version" },
  { value: "FORWARD", hint: "consumers on the previous schema can read data written with the new one" },
  { value: "FORWARD_TRANSITIVE", hint: "…with every earlier version" },
  { value: "FULL", hint: "both backward and forward with the previous version" },
  { value: "FULL_TRANSITIVE", hint: "both, with every earlier version" },
  { value: "NONE", hint: "no compatibility check" },
];

export const compatibilityHint = (mode: string) => MODES.find((m) => m.value === mode)?.hint ?? "";

/** Owners pick the port's compatibility mode; everyone else sees it as text. */
export function CompatibilitySelect({ portRef, mode, canChange }: { portRef: string; mode: string; canChange: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(mode);
  const change = useMutation({
    mutationFn: (next: string) => apiRequest<{ mode: string }>(`${portApi(portRef)}/compatibility`, { method: "PUT", json: { mode: next } }),
    onSuccess: (result) => {
      setValue(result.mode);
      router.refresh();
    },
    onError: () => setValue(mode),
  });
  if (!canChange) {
    return (
      <span className="font-mono text-xs font-medium text-slate-800" title={compatibilityHint(mode)} data-testid="compatibility-mode">
        {mode}
      </span>
    );
  }
  return (
    <span className="inline-flex max-w-full items-center gap-2">
      <select
        aria-label="Compatibility mode"
        data-testid="compatibility-select"
        value={value}
        disabled={change.isPending}
        title={compatibilityHint(value)}
        onChange={(e) => {
          setValue(e.target.value);
          change.mutate(e.target.value);
        }}
        className="min-w-0 max-w-full rounded-md border border-slate-300 bg-white py-0.5 pr-7 pl-2 font-mono text-xs text-slate-800 shadow-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none disabled:opacity-60"
      >
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.value}
          </option>
        ))}
      </select>
      {change.isPending && <span className="text-xs text-slate-400">Saving…</span>}
      {change.isSuccess && !change.isPending && <span role="status" className="text-xs text-emerald-600">Saved</span>}
      {change.isError && <span role="alert" className="text-xs text-red-600">{change.error.message}</span>}
    </span>
  );
}
