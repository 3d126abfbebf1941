import type { Jsonified } from "@/components/ui/jsonified";
import type { searchDataProducts } from "@/lib/search/search-data-products";

/** GET /api/v1/search as the browser receives it. */
export type SearchResponse = Jsonified<Awaited<ReturnType<typeof searchDataProducts>>>;
export type SearchResult = SearchResponse["items"][number];
export type FacetValue = SearchResponse["facets"]["domain"][number];
