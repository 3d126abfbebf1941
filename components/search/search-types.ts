/** GET /api/v1/search as the browser receives it (dates arrive as ISO strings). */
export type FacetValue = { value: string; label: string; count: number };

export type SearchResult = {
  id: string;
  urn: string;
  slug: string;
  name: string;
  domain: { slug: string; name: string };
  team: { slug: string; name: string };
  status: string;
  classification: string;
  tags: string[];
  portTypes: string[];
  updatedAt: string;
  snippet: string;
  rank: number;
};

export type SearchResponse = {
  items: SearchResult[];
  total: number;
  page: number;
  pageSize: number;
  facets: { domain: FacetValue[]; tag: FacetValue[]; classification: FacetValue[]; status: FacetValue[]; portType: FacetValue[] };
  didYouMean?: string | null;
};
