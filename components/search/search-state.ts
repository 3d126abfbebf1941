export const FACETS = [
  { key: "domain", title: "Domain" },
  { key: "status", title: "Status" },
  { key: "classification", title: "Classification" },
  { key: "portType", title: "Port type" },
  { key: "tag", title: "Tags" },
] as const;

export type FacetKey = (typeof FACETS)[number]["key"];

export const SORTS = [
  { value: "relevance", label: "Relevance" },
  { value: "updated", label: "Recently updated" },
  { value: "name", label: "Name" },
] as const;

export type Sort = (typeof SORTS)[number]["value"];

export type SearchState = { q: string; filters: Record<FacetKey, string[]>; sort: Sort; page: number };

const isSort = (s: string | null): s is Sort => SORTS.some((o) => o.value === s);

/** The search as the URL holds it (the same parameters GET /api/v1/search takes). */
export function readSearchState(params: URLSearchParams): SearchState {
  const page = Number(params.get("page"));
  const sort = params.get("sort");
  return {
    q: params.get("q") ?? "",
    filters: Object.fromEntries(FACETS.map((f) => [f.key, [...new Set(params.getAll(f.key).filter(Boolean))]])) as Record<FacetKey, string[]>,
    sort: isSort(sort) ? sort : "relevance",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Query string for a search state; defaults are left out so URLs stay short and shareable. */
export function searchQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const f of FACETS) for (const v of state.filters[f.key]) params.append(f.key, v);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  return params.toString();
}

export const activeFilterCount = (state: SearchState) => FACETS.reduce((n, f) => n + state.filters[f.key].length, 0);
