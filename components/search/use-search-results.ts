import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, apiRequest } from "@/components/ui/api-request";
import type { SearchResponse } from "./search-types";

/** Results for a search query string; the previous page of results stays on screen while the next one loads. */
export function useSearchResults(queryString: string) {
  return useQuery({
    queryKey: ["search", queryString],
    queryFn: ({ signal }) => apiRequest<SearchResponse>(`/api/v1/search${queryString ? `?${queryString}` : ""}`, { signal }),
    placeholderData: keepPreviousData,
    // Bad input or an expired session will not fix itself; a server hiccup gets one more try.
    retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
  });
}
