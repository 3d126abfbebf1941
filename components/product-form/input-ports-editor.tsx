"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PortTypeIcon } from "@/components/ui/port-type-icon";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { useDebounced } from "@/components/ui/use-debounced";
import type { FormValidation } from "@/components/forms/use-form-validation";
import { describedBy, Field, FieldError, inputClass, RequiredMark, secondaryButton } from "@/components/ui/field";
import { emptyInputPort, type InputPortRow, type UpstreamChoice } from "./form-model";
import { RowLabel } from "./row-label";

type Props = { rows: InputPortRow[]; onChange: (rows: InputPortRow[]) => void; form: FormValidation; excludeUrn?: string };

export function InputPortsEditor({ rows, onChange, form, excludeUrn }: Props) {
  const update = (index: number, patch: Partial<InputPortRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3" data-testid="input-ports">
      {rows.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 px-4 py-5 text-center text-sm text-slate-500">No input ports. Add one for each upstream product this product reads from — it shows up in lineage.</p>}
      {rows.map((row, i) => {
        const n = i + 1;
        const id = (f: string) => `input-${i}-${f}`;
        const err = (f: string) => form.error(id(f));
        return (
          <fieldset key={row.key} className="rounded-lg border border-slate-200 bg-slate-50/60 p-4" data-testid={`input-port-${n}`}>
            <legend className="sr-only">Input port {n}</legend>
            <div className="mb-3 flex items-center justify-between">
              <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">Input port {n}</span>
              <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} className="text-xs font-medium text-slate-500 hover:text-red-600" aria-label={`Remove input port ${n}`}>
                Remove
              </button>
            </div>
            {row.hidden ? (
              <p className="text-sm text-slate-500">Reads <span className="font-mono">{row.port}</span> of an upstream product you cannot see. It is kept unless you change the input ports.</p>
            ) : (
              <div className="grid gap-3 md:grid-cols-12">
                <div className="md:col-span-6">
                  <UpstreamPicker
                    n={n}
                    id={id("upstream")}
                    value={row.upstream}
                    excludeUrn={excludeUrn}
                    error={err("upstream")}
                    onChange={(upstream) => update(i, { upstream, port: "" })}
                  />
                </div>
                <Field id={id("port")} label={<RowLabel visible="Upstream port" full={`Input port ${n} upstream port`} />} error={err("port")} required className="md:col-span-3">
                  <UpstreamPortSelect
                    id={id("port")}
                    upstream={row.upstream}
                    value={row.port}
                    error={err("port")}
                    onChange={(port) => update(i, { port, name: row.name || port })}
                  />
                </Field>
                <Field id={id("name")} label={<RowLabel visible="Port name" full={`Input port ${n} name`} />} error={err("name")} required className="md:col-span-3">
                  <input id={id("name")} value={row.name} onChange={(e) => update(i, { name: e.target.value })} placeholder="payments-in" className={inputClass} {...form.control(id("name"), { required: true })} />
                </Field>
              </div>
            )}
          </fieldset>
        );
      })}
      <button type="button" className={secondaryButton} onClick={() => onChange([...rows, emptyInputPort()])}>
        <span aria-hidden>+</span> Add input port
      </button>
    </div>
  );
}

type SearchHit = { id: string; urn: string; name: string; status: string; domain: { slug: string; name: string }; team?: { name: string } };

function UpstreamPicker({ n, id, value, onChange, error, excludeUrn }: { n: number; id: string; value: UpstreamChoice | null; onChange: (v: UpstreamChoice | null) => void; error?: string; excludeUrn?: string }) {
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 250);
  const search = useQuery({
    queryKey: ["upstream-search", debounced],
    queryFn: () => apiRequest<{ items: SearchHit[] }>(`/api/v1/search?q=${encodeURIComponent(debounced)}&pageSize=8`),
    enabled: !value && debounced.length >= 2,
  });
  const hits = (search.data?.items ?? []).filter((h) => h.urn !== excludeUrn && h.status !== "retired");

  if (value) {
    return (
      <div>
        <span className="mb-1 block text-sm font-medium text-slate-700">
          Upstream product
          <RequiredMark />
        </span>
        <div className="flex items-center justify-between gap-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 shadow-sm" data-testid={`input-port-${n}-product`}>
          <span className="min-w-0">
            <span className="block truncate text-sm font-medium text-slate-900">{value.name}</span>
            <span className="block truncate font-mono text-xs text-slate-500">{value.urn}</span>
          </span>
          <button id={id} type="button" onClick={() => onChange(null)} className="shrink-0 text-xs font-medium text-brand-600 hover:underline" aria-label={`Change input port ${n} product`} aria-describedby={error ? `${id}-error` : undefined}>
            Change
          </button>
        </div>
        <FieldError id={id} error={error} />
      </div>
    );
  }

  return (
    <Field id={id} label={<RowLabel visible="Upstream product" full={`Input port ${n} product`} />} error={error} required>
      <div className="relative">
        <input
          id={id}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search products by name, tag or topic…"
          autoComplete="off"
          className={inputClass}
          aria-required
          {...describedBy(id, error)}
        />
        {debounced.length >= 2 && (
          <div className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg" data-testid={`input-port-${n}-results`}>
            {search.isPending && <p className="px-3 py-2 text-sm text-slate-500">Searching…</p>}
            {search.isError && <p className="px-3 py-2 text-sm text-red-600">{errorMessage(search.error)}</p>}
            {search.isSuccess && hits.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No products match “{debounced}”.</p>}
            <ul className="max-h-64 overflow-auto">
              {hits.map((h) => (
                <li key={h.urn}>
                  <button
                    type="button"
                    onClick={() => {
                      onChange({ urn: h.urn, name: h.name, domain: h.domain.slug });
                      setQ("");
                    }}
                    className="block w-full px-3 py-2 text-left hover:bg-brand-50 focus:bg-brand-50 focus:outline-none"
                  >
                    <span className="block text-sm font-medium text-slate-900">{h.name}</span>
                    <span className="block text-xs text-slate-500">
                      {h.domain.name}
                      {h.team ? ` · ${h.team.name}` : ""} · {h.status}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Field>
  );
}

type UpstreamDetail = { outputPorts: { name: string; type: string; location: string | null }[] };

function UpstreamPortSelect({ id, upstream, value, onChange, error }: { id: string; upstream: UpstreamChoice | null; value: string; onChange: (port: string) => void; error?: string }) {
  const detail = useQuery({
    queryKey: ["data-product", upstream?.urn],
    queryFn: () => apiRequest<UpstreamDetail>(`/api/v1/data-products/${encodeURIComponent(upstream!.urn)}`),
    enabled: !!upstream,
  });
  const ports = detail.data?.outputPorts ?? [];
  return (
    <>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} disabled={!upstream || detail.isPending} className={inputClass} aria-required {...describedBy(id, error)}>
        <option value="">{!upstream ? "Choose a product first" : detail.isPending ? "Loading ports…" : ports.length ? "Choose a port" : "No output ports"}</option>
        {ports.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name} ({p.type === "kafka_topic" ? "topic" : "table"})
          </option>
        ))}
        {value && !ports.some((p) => p.name === value) && <option value={value}>{value}</option>}
      </select>
      {detail.isError && <p className="mt-1 text-xs text-red-600">{errorMessage(detail.error)}</p>}
      {value && ports.find((p) => p.name === value)?.location && (
        <p className="mt-1 flex items-center gap-1 truncate font-mono text-xs text-slate-500">
          <PortTypeIcon type={ports.find((p) => p.name === value)!.type} className="h-3 w-3" />
          {ports.find((p) => p.name === value)!.location}
        </p>
      )}
    </>
  );
}
