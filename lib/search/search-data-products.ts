import { db, type Tx } from "@/lib/db";
import { getQualitySummaries, type QualitySummary } from "@/lib/quality/quality-summary";
import type { Actor } from "@/lib/auth/actor";
import { visibleProductSql } from "@/lib/auth/visible-products-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { SearchQuery } from "./search-query";
import { HEADLINE_FROM, HEADLINE_OPTIONS, HEADLINE_TO, searchSnippet } from "./search-snippet";

export type FacetValue = { value: string; label: string; count: number };
export type SearchFacets = { domain: FacetValue[]; tag: FacetValue[]; classification: FacetValue[]; status: FacetValue[]; portType: FacetValue[] };

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
  updatedAt: Date;
  /** HTML: the description (escaped) with `<mark>` around the matched words. */
  snippet: string;
  rank: number;
  /** The quality and freshness badge (lib/quality/quality-summary.ts); null before the product's first check run. */
  quality: QualitySummary | null;
};

export type SearchResponse = {
  items: SearchResult[];
  total: number;
  page: number;
  pageSize: number;
  facets: SearchFacets;
  /** Set when the catalog matched too many products to count exactly: the total and the facet counts are estimates. */
  approximate?: boolean;
  didYouMean?: string;
};

const MAX_WORDS = 8;
const TOP_TAGS = 20;
const EXACT_ROWS = 2_000;
const SAMPLE_ROWS = 1_500;
const MIN_SAMPLE_PERCENT = 0.5;
const MAX_SAMPLE_PERCENT = 8;
const NAMED_ROWS = 20;
// Weights for D, C, B, A (description, ports, tags/domain/team, name), and normalization 1: divide by 1 + log(length).
// ts_rank, not ts_rank_cd: the cover-density rank costs about 5x more per row and ranking is per hit.
const RANK = Prisma.sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;

const LABELS: Record<string, string> = {
  public: "Public",
  internal: "Internal",
  confidential: "Confidential",
  restricted: "Restricted",
  draft: "Draft",
  published: "Published",
  deprecated: "Deprecated",
  retired: "Retired",
  kafka_topic: "Kafka topic",
  table: "Table",
};

/** Lowercase [a-z0-9] pieces of the query (accents folded), the only text that ever reaches a tsquery. */
export function queryWords(q: string): string[] {
  const pieces = q
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.slice(0, 40));
  return [...new Set(pieces)].slice(0, MAX_WORDS);
}

/** to_tsquery input: every word as a prefix, OR'ed with its typo corrections, words AND'ed. */
export function tsqueryText(words: string[], corrections: Map<string, string[]>): string {
  const safe = (w: string) => /^[a-z0-9]+$/.test(w);
  return words.map((w) => `(${[`${w}:*`, ...(corrections.get(w) ?? []).filter(safe)].join(" | ")})`).join(" & ");
}

const CORRECTION_CANDIDATES = 4;

/**
 * Words not in the vocabulary (and not the start of a word in it) get up to 3 similar vocabulary words.
 * The vocabulary (search_term) holds the words of every product ever written, so a candidate is offered only when a
 * product the caller may see contains it now: its stem in the product's search vector and then the word itself in the
 * product's words (as refreshSearchDocuments derives them), so a word only a hidden product contains, or one that
 * shares a stem with a visible word, is never suggested.
 */
async function findCorrections(visible: Prisma.Sql, words: string[]): Promise<Map<string, string[]>> {
  const candidates = words.filter((w) => w.length >= 4 && /^[a-z]+$/.test(w));
  const corrections = new Map<string, string[]>();
  if (candidates.length === 0) return corrections;
  const rows = await db.$queryRaw<{ word: string; term: string }[]>`
    SELECT w.word, c.term
    FROM unnest(${candidates}::text[]) AS w(word)
    CROSS JOIN LATERAL (
      SELECT s.term FROM search_term s
      WHERE s.term % w.word AND s.term ~ '^[a-z0-9]+$' AND to_tsvector('english', s.term) <> ''::tsvector
      ORDER BY similarity(s.term, w.word) DESC, length(s.term), s.term
      LIMIT ${CORRECTION_CANDIDATES}
    ) c
    WHERE NOT EXISTS (SELECT 1 FROM search_term k WHERE k.term >= w.word AND k.term < w.word || chr(1114111))`;
  if (rows.length === 0) return corrections;
  // One EXISTS per candidate, each planned with its own word: a common word's first visible product is found by
  // walking the table a few rows, where a parameterized lateral check would build the word's whole index bitmap.
  const terms = [...new Set(rows.map((r) => r.term))];
  const checks = terms.map(
    (term, i) => Prisma.sql`EXISTS (
      SELECT 1 FROM data_product_search p
      JOIN data_product dp ON dp.id = p.product_id JOIN domain d ON d.id = dp.domain_id JOIN team t ON t.id = dp.team_id
      WHERE p.search_vector @@ to_tsquery('english', ${term}) AND ${visible}
        AND to_tsvector('simple', concat_ws(' ', dp.name, array_to_string(dp.tags, ' '), d.name, t.name,
              (SELECT string_agg(port.name || ' ' || coalesce(regexp_replace(port.location, '[._-]', ' ', 'g'), ''), ' ') FROM port WHERE port.data_product_id = dp.id),
              dp.description)) @@ to_tsquery('simple', ${term})
    ) AS ${Prisma.raw(`c${i}`)}`,
  );
  const [found] = await db.$queryRaw<Record<string, boolean>[]>`SELECT ${Prisma.join(checks, ", ")}`;
  const present = new Set(terms.filter((_, i) => found[`c${i}`]));
  for (const { word, term } of rows) {
    const list = corrections.get(word) ?? [];
    if (present.has(term) && list.length < 3) corrections.set(word, [...list, term]);
  }
  return corrections;
}

type FacetRow = { facet: keyof SearchFacets; value: string; label: string; count: number };
type PageRow = { id: string; rank: number };
type ItemRow = Omit<SearchResult, "snippet" | "rank" | "domain" | "team"> & { domainSlug: string; domainName: string; teamSlug: string; teamName: string; headline: string | null; description: string };

/** The planner's row estimate for a WHERE clause over data_product_search (planning only, nothing is read). */
async function estimateRows(tx: Tx, where: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`EXPLAIN (FORMAT JSON) SELECT 1 FROM data_product_search p WHERE ${where}`;
  return row["QUERY PLAN"][0].Plan["Plan Rows"];
}

export type SearchOptions = {
  /** false for a plain list: no facet counts are computed and `facets` comes back empty. */
  facets?: boolean;
};

/**
 * Discovery search: full text (prefix matching, typo tolerance through the search_term vocabulary) over the products
 * the caller may see, with disjunctive facet counts (each facet ignores its own filter) and relevance, updated or name order.
 *
 * It reads data_product_search, the narrow per-product copy of what it matches, filters and counts. Everything is exact
 * up to EXACT_ROWS matching products. Above that, counting every match still costs more than the latency budget (exact
 * facets over 10k-40k matches take 60-180 ms on a busy 2-core machine), so facet counts (and the total, when the hits
 * are that many too) are estimated from a page sample of about SAMPLE_ROWS matches and the response says
 * `approximate: true`; relevance order then ranks the sample plus the products whose name starts with the query.
 * Name and updated order stay exact (they walk an index). With `facets: false` the hits up to EXACT_ROWS are read
 * directly and nothing is counted beyond them.
 */
export async function searchDataProducts(actor: Actor, input: unknown, options: SearchOptions = {}): Promise<SearchResponse> {
  const withFacets = options.facets ?? true;
  const query = parseInput(SearchQuery, input, "Search");
  const words = query.q ? queryWords(query.q) : [];
  const visible = visibleProductSql(actor, "p");
  const corrections = await findCorrections(visible, words);
  const tsq = words.length > 0 ? tsqueryText(words, corrections) : null;
  const sort = query.sort === "relevance" && !tsq ? "updated" : query.sort;

  const tsquery = Prisma.sql`to_tsquery('english', ${tsq ?? ""})`;
  const textMatch = tsq ? Prisma.sql`p.search_vector @@ ${tsquery}` : Prisma.sql`TRUE`;
  const filter = {
    domain: query.domain.length ? Prisma.sql`p.domain_id IN (SELECT id FROM domain WHERE slug = ANY(${query.domain}::text[]))` : null,
    tag: query.tag.length ? Prisma.sql`p.tags && ${query.tag}::text[]` : null,
    classification: query.classification.length ? Prisma.sql`p.classification = ANY(${query.classification}::"Classification"[])` : null,
    status: query.status.length ? Prisma.sql`p.status = ANY(${query.status}::"ProductStatus"[])` : null,
    portType: query.portType.length ? Prisma.sql`p.port_types && ${query.portType}::"PortType"[]` : null,
  };
  type FacetKey = keyof typeof filter;
  const keys = Object.keys(filter) as FacetKey[];
  const flag = (f: FacetKey) => Prisma.raw(`f_${f.toLowerCase()}`);
  const all = (except?: FacetKey) => Prisma.join([Prisma.sql`TRUE`, ...keys.filter((f) => f !== except && filter[f]).map(flag)], " AND ");
  const matchWhere = Prisma.sql`${textMatch} AND ${visible}`;
  const hitWhere = Prisma.join([matchWhere, ...keys.flatMap((f) => filter[f] ?? [])], " AND ");
  const rank = tsq ? Prisma.sql`ts_rank(${RANK}, p.search_vector, ${tsquery}, 1)` : Prisma.sql`0::float4`;
  const order = sort === "relevance" ? Prisma.sql`rank DESC, lower(name), id` : sort === "name" ? Prisma.sql`lower(name), id` : Prisma.sql`updated_at DESC, id`;
  const offset = (query.page - 1) * query.pageSize;

  const result = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`;

    // The match set (without facet filters) is read once; the facets, and when it is read whole the total and the page,
    // come from it. Read whole, it stops at EXACT_ROWS + 1 rows: past that the caller switches to a sample.
    const readMatches = (percent: number | null, withPage: boolean) => {
      const fits = percent ? Prisma.sql`TRUE` : Prisma.sql`(SELECT count(*) FROM m) <= ${EXACT_ROWS}`;
      return tx.$queryRaw<{ matches: bigint; facets: FacetRow[] | null; hits: bigint | null; page: PageRow[] | null }[]>`
        WITH m AS MATERIALIZED (
          SELECT p.product_id AS id, p.name, p.updated_at, p.domain_id, p.tags, p.classification, p.status, p.port_types,
                 ${withPage && sort === "relevance" ? rank : Prisma.sql`0::float4`} AS rank,
                 ${Prisma.join(keys.map((f) => Prisma.sql`${filter[f] ?? Prisma.sql`TRUE`} AS ${flag(f)}`), ", ")}
          FROM data_product_search p ${percent ? Prisma.sql`TABLESAMPLE SYSTEM (${percent}) REPEATABLE (7)` : Prisma.empty}
          WHERE ${matchWhere}
          ${percent ? Prisma.empty : Prisma.sql`LIMIT ${EXACT_ROWS + 1}`}
        ),
        facets AS (
          SELECT 'domain' AS facet, d.slug AS value, d.name AS label, c.count FROM (SELECT domain_id, count(*) AS count FROM m WHERE ${all("domain")} GROUP BY domain_id) c JOIN domain d ON d.id = c.domain_id
          UNION ALL
          (SELECT 'tag', t, t, count(*) FROM (SELECT unnest(tags) AS t FROM m WHERE ${all("tag")}) u GROUP BY t ORDER BY (t = ANY(${query.tag}::text[])) DESC, count(*) DESC, t LIMIT ${TOP_TAGS + query.tag.length})
          UNION ALL
          SELECT 'classification', classification::text, classification::text, count(*) FROM m WHERE ${all("classification")} GROUP BY classification
          UNION ALL
          SELECT 'status', status::text, status::text, count(*) FROM m WHERE ${all("status")} GROUP BY status
          UNION ALL
          SELECT 'portType', t::text, t::text, count(*) FROM (SELECT unnest(port_types) AS t FROM m WHERE ${all("portType")}) u GROUP BY t
        )
        SELECT (SELECT count(*) FROM m) AS matches,
               CASE WHEN ${fits} THEN (SELECT json_agg(json_build_object('facet', facet, 'value', value, 'label', label, 'count', round(count * ${percent ? 100 / percent : 1}::float8))) FROM facets) END AS facets,
               CASE WHEN ${fits} THEN (SELECT count(*) FROM m WHERE ${all()}) END AS hits,
               CASE WHEN ${fits} AND ${withPage} THEN (SELECT json_agg(json_build_object('id', id, 'rank', rank)) FROM (SELECT id, rank FROM m WHERE ${all()} ORDER BY ${order} LIMIT ${query.pageSize + offset}) pg) END AS page`;
    };
    // Hits under the facet filters, read whole (up to EXACT_ROWS + 1) for an exact total and page.
    const readHits = async () => {
      const [row] = await tx.$queryRaw<{ total: bigint; page: PageRow[] | null }[]>`
        WITH h AS MATERIALIZED (
          SELECT p.product_id AS id, p.name, p.updated_at, ${sort === "relevance" ? rank : Prisma.sql`0::float4`} AS rank FROM data_product_search p WHERE ${hitWhere} LIMIT ${EXACT_ROWS + 1}
        )
        SELECT (SELECT count(*) FROM h) AS total,
               CASE WHEN (SELECT count(*) FROM h) <= ${EXACT_ROWS} THEN (SELECT json_agg(json_build_object('id', id, 'rank', rank)) FROM (SELECT id, rank FROM h ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}) pg) END AS page`;
      return Number(row.total) <= EXACT_ROWS ? { total: Number(row.total), page: row.page ?? [] } : null;
    };

    const readWhole = async () => {
      const [whole] = await readMatches(null, true);
      return Number(whole.matches) <= EXACT_ROWS ? { total: Number(whole.hits), page: (whole.page ?? []).slice(offset), facets: whole.facets ?? [], approximate: false } : null;
    };
    // The planner multiplies the words' frequencies as if they were independent, which underestimates words that go
    // together ("gift cards"); the rarest word's own estimate bounds the match count from above.
    if (!withFacets) {
      const hits = await readHits();
      if (hits) return { ...hits, facets: [], approximate: false };
    }
    const estimatedMatches = await estimateRows(tx, matchWhere);
    let upperBound = estimatedMatches;
    if (withFacets && words.length > 1) {
      upperBound = Infinity;
      for (const w of words) upperBound = Math.min(upperBound, await estimateRows(tx, Prisma.sql`p.search_vector @@ to_tsquery('english', ${tsqueryText([w], corrections)}) AND ${visible}`));
    }
    if (withFacets && upperBound <= EXACT_ROWS) {
      const whole = await readWhole();
      if (whole) return whole;
    }
    // Too many matches to read them all within the budget: facets from a page sample, the total and the page as exact as affordable.
    const percent = Math.max(MIN_SAMPLE_PERCENT, Math.min(MAX_SAMPLE_PERCENT, (100 * SAMPLE_ROWS) / Math.max(estimatedMatches, EXACT_ROWS)));
    const [sample] = await readMatches(percent, sort === "relevance");
    if (withFacets && (Number(sample.matches) * 100) / percent <= EXACT_ROWS / 2) {
      const whole = await readWhole();
      if (whole) return whole;
    }
    const total = Math.round((Number(sample.hits) * 100) / percent);
    // Selective facet filters can leave few hits among many matches: then the total and the page are exact.
    const fewHits = withFacets && total <= EXACT_ROWS ? await readHits() : null;
    if (fewHits) return { total: fewHits.total, page: fewHits.page, facets: sample.facets ?? [], approximate: true };

    if (sort !== "relevance") {
      // Many hits in name or update order: walk that index and stop after the page.
      const page = await tx.$queryRaw<PageRow[]>`
        SELECT p.product_id AS id, 0::float4 AS rank FROM data_product_search p WHERE ${hitWhere}
        ORDER BY ${sort === "name" ? Prisma.sql`lower(p.name), p.product_id` : Prisma.sql`p.updated_at DESC, p.product_id`} LIMIT ${query.pageSize} OFFSET ${offset}`;
      return { total, page, facets: sample.facets ?? [], approximate: true };
    }
    // Relevance over a sample would miss the product named exactly what was typed; rank those in too.
    const prefix = (query.q ?? "").toLowerCase();
    const named = await tx.$queryRaw<PageRow[]>`
      SELECT p.product_id AS id, ${rank} AS rank FROM data_product_search p
      WHERE lower(p.name) >= ${prefix} AND lower(p.name) < ${prefix + "\u{10FFFF}"} AND ${hitWhere}
      LIMIT ${NAMED_ROWS}`;
    const sampled = sample.page ?? [];
    const seen = new Set(sampled.map((r) => r.id));
    const page = [...sampled, ...named.filter((r) => !seen.has(r.id))].sort((a, b) => b.rank - a.rank).slice(offset, offset + query.pageSize);
    return { total, page, facets: sample.facets ?? [], approximate: true };
  });

  const page = result.page;
  const ids = page.map((r) => r.id);
  const rows = ids.length
    ? await db.$queryRaw<ItemRow[]>`
        SELECT p.id, p.urn, p.slug, p.name, p.status::text AS status, p.classification::text AS classification, p.tags,
               p.port_types::text[] AS "portTypes", p.updated_at AS "updatedAt", p.description,
               d.slug AS "domainSlug", d.name AS "domainName", t.slug AS "teamSlug", t.name AS "teamName",
               ${tsq ? Prisma.sql`ts_headline('english', translate(p.description, ${HEADLINE_FROM}, ${HEADLINE_TO}), ${tsquery}, ${HEADLINE_OPTIONS})` : Prisma.sql`NULL::text`} AS headline
        FROM data_product p JOIN domain d ON d.id = p.domain_id JOIN team t ON t.id = p.team_id
        WHERE p.id = ANY(${ids}::uuid[])`
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const quality = await getQualitySummaries(ids);
  const items: SearchResult[] = page.flatMap(({ id, rank: score }) => {
    const r = byId.get(id);
    if (!r) return [];
    const snippet = searchSnippet(r.description, r.headline);
    return [
      {
        id: r.id,
        urn: r.urn,
        slug: r.slug,
        name: r.name,
        domain: { slug: r.domainSlug, name: r.domainName },
        team: { slug: r.teamSlug, name: r.teamName },
        status: r.status,
        classification: r.classification,
        tags: r.tags,
        portTypes: r.portTypes,
        updatedAt: r.updatedAt,
        snippet,
        rank: Number(score),
        quality: quality.get(r.id) ?? null,
      },
    ];
  });

  const facets: SearchFacets = { domain: [], tag: [], classification: [], status: [], portType: [] };
  for (const f of withFacets ? result.facets : []) facets[f.facet].push({ value: f.value, label: f.facet === "domain" || f.facet === "tag" ? f.label : (LABELS[f.value] ?? f.value), count: f.count });
  // By count, then name: the selected tags are read first only so the top-N limit keeps them; a selected value keeps its place.
  for (const key of ["domain", "tag", "classification", "status", "portType"] as const) facets[key].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));

  const corrected = words.map((w) => corrections.get(w)?.[0] ?? w);
  return {
    items,
    total: result.total,
    page: query.page,
    pageSize: query.pageSize,
    facets,
    ...(result.approximate ? { approximate: true } : {}),
    ...(corrections.size > 0 ? { didYouMean: corrected.join(" ") } : {}),
  };
}
