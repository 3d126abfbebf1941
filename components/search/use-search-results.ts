import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { SearchResponse } from "./search-types";

export class SearchRequestError extends Error {
  constructor(message: string, public readonly status: number) {
    super(message);
  }
}

async function fetchSearch(queryString: string, signal: AbortSignal): Promise<SearchResponse> {
  const response = await fetch(`/api/v1/search${queryString ? `?${queryString}` : ""}`, { signal, headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = response.status === 401 ? "Your session has expired. Sign in again to search." : (body?.error?.message ?? `Search failed (HTTP ${response.status}).`);
    throw new SearchRequestError(message, response.status);
  }
  return body as SearchResponse;
}

/** Results for a search query string; the previous page of results stays on screen while the next one loads. */
export function useSearchResults(queryString: string) {
  return useQuery({
    queryKey: ["search", queryString],
    queryFn: ({ signal }) => fetchSearch(queryString, signal),
    placeholderData: keepPreviousData,
    // Bad input or an expired session will not fix itself; a server hiccup gets one more try.
    retry: (count, error) => !(error instanceof SearchRequestError && error.status < 500) && count < 1,
  });
}
