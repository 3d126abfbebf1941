import { z } from "zod";

// URLSearchParams give a string for one value and an array for repeated keys; empty values mean "no filter".
const many = <T extends z.ZodType<string>>(item: T) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]).filter((v) => v !== ""),
    z.array(item).max(50, "at most 50 values"),
  );

const single = (value: unknown) => (Array.isArray(value) ? value[value.length - 1] : value);
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** GET /api/v1/search and the search page: free text, disjunctive facet filters, sort and paging. */
export const SearchQuery = z.object({
  q: z.preprocess((v) => blankToUndefined(single(v)), z.string().trim().max(200, "at most 200 characters").optional()),
  domain: many(z.string().min(1).max(64)),
  tag: many(z.string().trim().toLowerCase().min(1).max(40)),
  classification: many(z.enum(["public", "internal", "confidential", "restricted"])),
  status: many(z.enum(["draft", "published", "deprecated", "retired"])),
  portType: many(z.enum(["kafka_topic", "table"])),
  sort: z.preprocess((v) => blankToUndefined(single(v)), z.enum(["relevance", "updated", "name"]).default("relevance")),
  page: z.preprocess((v) => blankToUndefined(single(v)), z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess((v) => blankToUndefined(single(v)), z.coerce.number().int().min(1).max(100).default(20)),
});

export type SearchQueryInput = z.input<typeof SearchQuery>;
export type SearchQuery = z.infer<typeof SearchQuery>;
