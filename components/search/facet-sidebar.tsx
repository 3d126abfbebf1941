"use client";

import { useState } from "react";
import { FACETS, type FacetKey } from "./search-state";
import type { FacetValue, SearchResponse } from "./search-types";

const COLLAPSED = 6;

function FacetGroup({ facetKey, title, values, selected, onToggle }: { facetKey: FacetKey; title: string; values: FacetValue[]; selected: string[]; onToggle: (value: string) => void }) {
  const [expanded, setExpanded] = useState(false);
  // A selected value the current results no longer contain stays listed (count 0) so it can be unchecked.
  const missing = selected.filter((s) => !values.some((v) => v.value === s)).map((value) => ({ value, label: value, count: 0 }));
  const all = [...values, ...missing];
  if (all.length === 0) return null;
  const shown = expanded ? all : all.filter((v, i) => i < COLLAPSED || selected.includes(v.value));
  const hidden = all.length - shown.length;

  return (
    <fieldset data-testid={`facet-${facetKey}`} className="border-t border-slate-200 pt-4 first:border-t-0 first:pt-0">
      <legend className="float-left mb-2 w-full text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</legend>
      <ul className="clear-left space-y-0.5">
        {shown.map((v) => {
          const checked = selected.includes(v.value);
          return (
            <li key={v.value}>
              <label className={`flex cursor-pointer items-center gap-2.5 rounded-md px-1.5 py-1 text-sm hover:bg-slate-100`}>
                <input
                  type="checkbox"
                  aria-label={`${v.label} (${v.count})`}
                  checked={checked}
                  onChange={() => onToggle(v.value)}
                  className="h-3.5 w-3.5 rounded border-slate-300 accent-brand-600"
                />
                <span className={`min-w-0 flex-1 truncate ${checked ? "font-medium text-slate-900" : "text-slate-700"}`} title={v.label}>
                  {v.label}
                </span>
                <span className="text-xs text-slate-600 tabular-nums">{v.count}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {(hidden > 0 || expanded) && all.length > COLLAPSED && (
        <button type="button" onClick={() => setExpanded((e) => !e)} className="mt-1 px-1.5 text-xs font-medium text-brand-600 hover:text-brand-700">
          {expanded ? "Show fewer" : `Show ${hidden} more`}
        </button>
      )}
    </fieldset>
  );
}

export function FacetSidebar({ facets, selected, onToggle }: { facets: SearchResponse["facets"] | undefined; selected: Record<FacetKey, string[]>; onToggle: (facet: FacetKey, value: string) => void }) {
  return (
    <aside aria-label="Filters" data-testid="search-facets" className="space-y-4">
      {FACETS.map((f) => (
        <FacetGroup key={f.key} facetKey={f.key} title={f.title} values={facets?.[f.key] ?? []} selected={selected[f.key]} onToggle={(v) => onToggle(f.key, v)} />
      ))}
    </aside>
  );
}
