"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { ApiError } from "@/components/ui/api-request";
import { EmptyState, SEARCH_ICON } from "@/components/ui/empty-state";
import { Modal } from "@/components/ui/modal";
import { Skeleton } from "@/components/ui/skeleton";
import { useDebounced } from "@/components/ui/use-debounced";
import { FacetSidebar } from "./facet-sidebar";
import { Pagination } from "./pagination";
import { ResultCard } from "./result-card";
import { SearchBox } from "./search-box";
import { activeFilterCount, FACETS, readSearchState, searchQueryString, SORTS, type FacetKey, type SearchState, type Sort } from "./search-state";
import type { SearchResponse } from "./search-types";
import { setLocationSearch, useLocationSearch } from "./use-location-search";
import { useSearchResults } from "./use-search-results";

const currentState = () => readSearchState(new URLSearchParams(window.location.search));

/** Search-as-you-type over the catalog; the URL holds the whole search so it can be shared and navigated back to. */
export function SearchPage({ canRegister }: { canRegister: boolean }) {
  const search = useLocationSearch();
  const state = useMemo(() => readSearchState(new URLSearchParams(search)), [search]);
  const queryString = searchQueryString(state);
  const [text, setText] = useState(state.q);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const debouncedText = useDebounced(text, 200);

  // Typing replaces the URL (one history entry per search, not per keystroke) and starts again at page 1.
  useEffect(() => {
    const current = currentState();
    if (debouncedText.trim() === current.q) return;
    setLocationSearch(searchQueryString({ ...current, q: debouncedText, page: 1 }), "replace");
  }, [debouncedText]);

  // When the URL's query changes under us (back, forward, a link), the text field follows it.
  const [seenQ, setSeenQ] = useState(state.q);
  if (state.q !== seenQ) {
    setSeenQ(state.q);
    if (state.q !== debouncedText.trim()) setText(state.q);
  }

  const navigate = (change: Partial<SearchState>, scroll = false) => {
    setLocationSearch(searchQueryString({ ...currentState(), q: text, page: 1, ...change }), "push");
    if (scroll) window.scrollTo({ top: 0, behavior: "smooth" });
  };
  const toggleFacet = (facet: FacetKey, value: string) => {
    const values = state.filters[facet];
    navigate({ filters: { ...state.filters, [facet]: values.includes(value) ? values.filter((v) => v !== value) : [...values, value] } });
  };
  const clearFilters = () => navigate({ filters: Object.fromEntries(FACETS.map((f) => [f.key, []])) as unknown as SearchState["filters"] });

  const query = useSearchResults(queryString);
  const data = query.data;
  const filterCount = activeFilterCount(state);
  const typing = text !== debouncedText;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Discover data products</h1>
        <p className="mt-1 text-sm text-slate-500">Search every product in the mesh by name, description, tag, topic, table, domain or team.</p>
      </div>

      <SearchBox value={text} onChange={setText} busy={typing || query.isFetching} />

      {/* Phones and narrow windows: the facets wait behind a button, so the first result shows without scrolling. */}
      <div className="lg:hidden">
        <button type="button" onClick={() => setFiltersOpen(true)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700" data-testid="filters-button">
          Filters{filterCount > 0 ? ` (${filterCount})` : ""}
        </button>
        <Modal open={filtersOpen} onClose={() => setFiltersOpen(false)} title="Filters" testId="filters-drawer">
          {data ? <FacetSidebar facets={data.facets} selected={state.filters} onToggle={toggleFacet} /> : <FacetSkeleton />}
          {/* Stays at the drawer's foot while the facets scroll, so the results are one tap away. */}
          <div className="sticky bottom-0 -mx-5 mt-4 -mb-5 border-t border-slate-200 bg-white px-5 py-3">
            <button type="button" onClick={() => setFiltersOpen(false)} className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white">
              Show {data ? data.total : ""} results
            </button>
          </div>
        </Modal>
      </div>

      <div className="grid gap-8 lg:grid-cols-[15rem_minmax(0,1fr)]">
        <div className="hidden lg:sticky lg:top-6 lg:block lg:self-start">
          {data ? <FacetSidebar facets={data.facets} selected={state.filters} onToggle={toggleFacet} /> : query.isError ? null : <FacetSkeleton />}
        </div>

        <div className="min-w-0 space-y-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p data-testid="result-count" aria-live="polite" className="text-sm text-slate-600">
              {query.isError ? null : data ? <ResultCount total={data.total} approximate={data.approximate === true} q={state.q.trim()} /> : <span className="text-slate-400">Searching…</span>}
            </p>
            <label className="flex items-center gap-2 text-sm text-slate-500">
              Sort by
              <select
                aria-label="Sort by"
                data-testid="search-sort"
                value={state.sort}
                onChange={(e) => navigate({ sort: e.target.value as Sort })}
                className="h-8 rounded-md border border-slate-300 bg-white pr-7 pl-2.5 text-sm text-slate-800 shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20"
              >
                {SORTS.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </div>

          {filterCount > 0 && <ActiveFilters state={state} facets={data?.facets} onRemove={toggleFacet} onClear={clearFilters} />}

          {data?.didYouMean && (
            <p data-testid="did-you-mean" className="rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900">
              Did you mean{" "}
              <button type="button" onClick={() => setText(data.didYouMean!)} className="font-semibold underline decoration-amber-400 underline-offset-2 hover:decoration-amber-700">
                {data.didYouMean}
              </button>
              ?
            </p>
          )}

          {query.isError ? (
            <SearchError message={query.error instanceof ApiError && query.error.status === 401 ? "Your session has expired. Sign in again to search." : query.error.message} onRetry={() => void query.refetch()} />
          ) : !data ? (
            <ResultsSkeleton />
          ) : data.items.length === 0 ? (
            <EmptyState
              testId="search-empty"
              icon={SEARCH_ICON}
              title={state.q.trim() ? `No products match “${state.q.trim()}”` : "No products match these filters"}
              action={
                (filterCount > 0 || canRegister) && (
                  <div className="flex flex-wrap justify-center gap-2">
                    {filterCount > 0 && (
                      <button type="button" onClick={clearFilters} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
                        Clear filters
                      </button>
                    )}
                    {canRegister && (
                      <Link href="/products/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
                        Register a data product
                      </Link>
                    )}
                  </div>
                )
              }
            >
              {canRegister
                ? "Try fewer filters or different words — or, if the data you need is not in the mesh yet, register it as a data product."
                : "Try fewer filters or different words. If the data you need is not in the mesh yet, ask the team that owns it to register it as a data product."}
            </EmptyState>
          ) : (
            <div className={`space-y-3 transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={query.isFetching}>
              <ul className="space-y-3" data-testid="search-results">
                {data.items.map((r) => (
                  <li key={r.id}>
                    <ResultCard result={r} now={query.dataUpdatedAt} />
                  </li>
                ))}
              </ul>
              <Pagination page={data.page} pageSize={data.pageSize} total={data.total} approximate={data.approximate === true} onPage={(page) => navigate({ page, q: state.q }, true)} />
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function ResultCount({ total, approximate, q }: { total: number; approximate: boolean; q: string }) {
  return (
    <>
      {approximate && "about "}
      <span className="font-semibold text-slate-900 tabular-nums">{total}</span> {total === 1 ? "data product" : "data products"}
      {q && (
        <>
          {" "}
          for <span className="font-medium text-slate-900">“{q}”</span>
        </>
      )}
    </>
  );
}

function ActiveFilters({ state, facets, onRemove, onClear }: { state: SearchState; facets: SearchResponse["facets"] | undefined; onRemove: (facet: FacetKey, value: string) => void; onClear: () => void }) {
  return (
    <div data-testid="active-filters" className="flex flex-wrap items-center gap-1.5">
      {FACETS.flatMap((f) =>
        state.filters[f.key].map((value) => {
          const label = facets?.[f.key].find((v) => v.value === value)?.label ?? value;
          return (
            <button
              key={`${f.key}:${value}`}
              type="button"
              aria-label={`Remove filter ${f.title}: ${label}`}
              onClick={() => onRemove(f.key, value)}
              className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 py-0.5 pr-1.5 pl-2.5 text-xs text-brand-700 hover:border-brand-500/40"
            >
              <span className="text-brand-700/70">{f.title}:</span> <span className="font-medium">{label}</span>
              <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <path d="m4.5 4.5 7 7M11.5 4.5l-7 7" />
              </svg>
            </button>
          );
        }),
      )}
      <button type="button" onClick={onClear} className="ml-1 text-xs font-medium text-slate-500 hover:text-slate-900">
        Clear all
      </button>
    </div>
  );
}

function SearchError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" data-testid="search-error" className="flex items-start gap-3 rounded-xl border border-red-200 bg-red-50 p-4">
      <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 text-red-500" fill="currentColor">
        <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.75-11.5a.75.75 0 0 1 1.5 0v4a.75.75 0 0 1-1.5 0v-4ZM10 14.5a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
      </svg>
      <div className="flex-1">
        <p className="text-sm font-medium text-red-800">Search is not available right now</p>
        <p className="mt-0.5 text-sm text-red-700">{message}</p>
      </div>
      <button type="button" onClick={onRetry} className="rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-100">
        Try again
      </button>
    </div>
  );
}

function ResultsSkeleton() {
  return (
    <ul aria-hidden className="space-y-3">
      {Array.from({ length: 4 }, (_, i) => (
        <li key={i} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
          <div className="flex gap-2">
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-5 w-20" />
          </div>
          <Skeleton className="h-3 w-40" />
          <Skeleton className="h-3 w-full" />
          <Skeleton className="h-3 w-3/4" />
        </li>
      ))}
    </ul>
  );
}

function FacetSkeleton() {
  return (
    <div aria-hidden className="space-y-5">
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="space-y-2">
          <Skeleton className="h-3 w-20" />
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-5/6" />
          <Skeleton className="h-4 w-4/6" />
        </div>
      ))}
    </div>
  );
}
