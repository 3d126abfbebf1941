// Benchmark of the discovery search (lib/search/search-data-products.ts) at 100,000 data products, against a naive
// ILIKE baseline over the same rows with the same facet counts.
//   npx tsx bench/search.ts [--products 100000] [--keep] [--reuse <database kept by --keep>] [--skip-baseline]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { products: { type: "string", default: "100000" }, keep: { type: "boolean", default: false }, reuse: { type: "string" }, "skip-baseline": { type: "boolean", default: false } } });
const PRODUCTS = Number(values.products);

const DOMAINS = [
  ["orders", "Orders"], ["payments", "Payments"], ["inventory", "Inventory"], ["logistics", "Logistics"],
  ["customer", "Customer"], ["marketing", "Marketing"], ["finance", "Finance"], ["merchandising", "Merchandising"],
  ["stores", "Stores"], ["ecommerce", "E-commerce"], ["supply-chain", "Supply Chain"], ["pricing", "Pricing"],
];
const TEAM_SUFFIXES = [["platform", "Platform"], ["analytics", "Analytics"], ["ops", "Operations"]];
const ENTITIES = [
  "orders", "payments", "inventory", "shipments", "customers", "clickstream", "attribution", "refunds", "returns", "carts",
  "checkout", "promotions", "coupons", "loyalty", "products", "prices", "stores", "suppliers", "purchase orders", "invoices",
  "deliveries", "warehouses", "fulfillment", "reviews", "sessions", "campaigns", "subscriptions", "gift cards", "store traffic",
  "pos transactions", "chargebacks", "fraud signals", "recommendations", "search queries", "product views", "wishlists",
  "stock levels", "replenishment", "demand forecasts", "margins", "ledger entries", "settlements", "payouts", "carriers",
];
const QUALIFIERS = ["daily", "hourly", "real-time", "curated", "enriched", "raw", "aggregated", "deduplicated", "validated", "snapshot", "history", "changelog", "events", "facts", "summary", "metrics"];
const REGIONS = ["EU", "US", "APAC", "LATAM", "UK", "Nordics", "DACH", "online", "in-store", "global", "France", "Canada"];
const SYSTEMS = ["Shopify", "SAP", "Salesforce", "Adyen", "Stripe", "Klaviyo", "Segment", "Snowplow", "NetSuite", "Manhattan", "Oracle", "Zendesk", "Braze", "Magento", "Workday", "Blue Yonder"];
const FIELDS = ["order_id", "customer_id", "sku", "amount", "currency", "store_id", "event_time", "session_id", "payment_method", "carrier", "tracking_number", "warehouse_id", "campaign_id", "channel", "discount", "quantity", "refund_reason", "basket_value", "device_type", "country", "loyalty_tier", "margin"];
const USES = ["revenue reporting", "fraud detection", "demand forecasting", "marketing attribution", "churn prediction", "inventory planning", "customer segmentation", "personalization", "finance reconciliation", "SLA monitoring", "conversion analysis", "last-mile optimization", "price elasticity studies", "supplier scorecards", "store performance dashboards"];
const CADENCES = ["every few seconds", "every minute", "hourly", "nightly", "daily at 02:00 UTC", "weekly", "on every change"];
const TAGS = [
  "gold", "silver", "bronze", "certified", "pii", "gdpr", "finance", "marketing", "realtime", "batch", "streaming", "cdc", "kpi", "ml-feature",
  "core", "sensitive", "reporting", "experimental", "sox", "pci", "customer-360", "orders", "payments", "inventory", "logistics", "returns",
  "loyalty", "pricing", "promotions", "forecasting", "attribution", "clickstream", "web", "mobile", "pos", "stores", "eu", "us", "apac",
  "latam", "uk", "dach", "nordics", "hourly", "daily", "snapshot", "changelog", "deduplicated", "enriched", "raw", "curated", "aggregated",
  "fraud", "risk", "compliance", "audit", "supply-chain", "warehouse", "carrier", "last-mile", "sla", "churn", "segmentation", "personalization",
  "recommendations", "search", "sessions", "campaigns", "email", "crm", "erp", "ledger", "settlement", "payouts", "refunds", "chargebacks",
  "b2b", "b2c", "marketplace", "subscription", "gift-cards", "reviews", "ratings", "wishlist", "catalog", "assortment", "merchandising",
  "margin", "cost", "tax", "invoice", "procurement", "supplier", "replenishment", "stock", "availability", "omnichannel",
];

type QuerySpec = Record<string, string | string[]>;
type Stats = { p50: number; p95: number; p99: number; mean: number; max: number };

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`Refusing to benchmark against a non-local database (${host}).`);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}

/** Fills the bench database set-based: every table is one INSERT ... SELECT over generate_series. */
async function fill(client: pg.Client) {
  await client.query("SELECT setseed(0.42)");
  await client.query(`
    CREATE FUNCTION pick(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT a[1 + floor(random() * cardinality(a))::int] $$;
    CREATE FUNCTION pick_skewed(a text[]) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT a[1 + floor(power(random(), 1.5) * cardinality(a))::int] $$;`);
  await client.query(
    `INSERT INTO domain (id, slug, name, description) SELECT gen_random_uuid(), d[1], d[2], 'The ' || d[2] || ' domain of the retail mesh.' FROM jsonb_to_recordset($1::jsonb) AS x(d text[])`,
    [JSON.stringify(DOMAINS.map((d) => ({ d })))],
  );
  await client.query(
    `INSERT INTO team (id, domain_id, slug, name) SELECT gen_random_uuid(), d.id, s[1], d.name || ' ' || s[2] FROM domain d, jsonb_to_recordset($1::jsonb) AS x(s text[])
     WHERE s[1] <> 'ops' OR d.slug IN ('orders', 'payments', 'logistics', 'stores')`,
    [JSON.stringify(TEAM_SUFFIXES.map((s) => ({ s })))],
  );
  await client.query(`CREATE TEMP TABLE bench_team AS SELECT row_number() OVER (ORDER BY t.slug, d.slug) AS n, t.id, t.domain_id, d.slug AS domain_slug FROM team t JOIN domain d ON d.id = t.domain_id`);
  await client.query(
    `INSERT INTO data_product (id, urn, domain_id, team_id, slug, name, description, tags, classification, contains_personal_data, status, created_at, updated_at)
     SELECT gen_random_uuid(), 'urn:meshwork:' || t.domain_slug || ':' || s.slug, t.domain_id, t.id, s.slug, s.name, s.description, s.tags,
            s.classification::"Classification", s.classification IN ('confidential', 'restricted'), s.status::"ProductStatus", s.updated_at - interval '90 days', s.updated_at
     FROM (
       SELECT g, team_n,
              left(regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'), 50) || '-' || g AS slug, name, description, tags, classification, status, updated_at
       FROM (
         SELECT g, 1 + floor(random() * (SELECT count(*) FROM bench_team))::int AS team_n,
                initcap(e) || ' ' || q || ' ' || r || ' (' || sys || ')' AS name,
                initcap(q) || ' ' || e || ' from ' || sys || ' for the ' || r || ' business. Each record carries ' || pick($4) || ', ' || pick($4) || ' and ' || pick($4) ||
                  '; use it for ' || pick($5) || ' and ' || pick($5) || '. Joins with ' || pick($1) || ' on ' || pick($4) || '. Refreshed ' || pick($6) || '.' AS description,
                ARRAY(SELECT DISTINCT pick_skewed($7) FROM generate_series(1, 8 + g % 5) WHERE g > 0) AS tags,
                (ARRAY['public', 'internal', 'internal', 'internal', 'confidential', 'confidential', 'restricted'])[1 + floor(random() * 7)::int] AS classification,
                CASE WHEN x < 0.70 THEN 'published' WHEN x < 0.80 THEN 'deprecated' WHEN x < 0.95 THEN 'draft' ELSE 'retired' END AS status,
                now() - random() * interval '730 days' AS updated_at
         FROM (SELECT g, pick($1) AS e, pick($2) AS q, pick($3) AS r, pick($8) AS sys, random() AS x FROM generate_series(1, $9::int) g) picks
       ) named
     ) s JOIN bench_team t ON t.n = s.team_n`,
    [ENTITIES, QUALIFIERS, REGIONS, FIELDS, USES, CADENCES, TAGS, SYSTEMS, PRODUCTS],
  );
  // Output ports: a topic for every product, the table materialized from it for 90% of them.
  await client.query(`
    INSERT INTO port (id, data_product_id, direction, type, name, description, location)
    SELECT gen_random_uuid(), p.id, 'output', 'kafka_topic', 'events', 'Change events of ' || p.name, d.slug || '.' || p.slug || '.v1'
    FROM data_product p JOIN domain d ON d.id = p.domain_id`);
  await client.query(`
    INSERT INTO port (id, data_product_id, direction, type, name, description, location, source_port_id)
    SELECT gen_random_uuid(), p.id, 'output', 'table', 'table', 'Materialized table of ' || p.name, replace(d.slug, '-', '_') || '.' || replace(p.slug, '-', '_'), tp.id
    FROM data_product p JOIN domain d ON d.id = p.domain_id JOIN port tp ON tp.data_product_id = p.id AND tp.name = 'events'
    WHERE random() < 0.9`);
  // Input ports: 30% of products read one upstream topic, 10% a second one.
  await client.query(`CREATE TEMP TABLE bench_topic AS SELECT row_number() OVER (ORDER BY id) AS n, id, data_product_id FROM port WHERE name = 'events'`);
  for (const [name, share] of [["input-1", 0.3], ["input-2", 0.1]] as const) {
    await client.query(
      `WITH pick AS MATERIALIZED (SELECT id, 1 + floor(random() * (SELECT count(*) FROM bench_topic))::int AS n FROM data_product WHERE random() < $2)
       INSERT INTO port (id, data_product_id, direction, type, name, upstream_port_id)
       SELECT gen_random_uuid(), pick.id, 'input', 'kafka_topic', $1, t.id FROM pick JOIN bench_topic t ON t.n = pick.n WHERE t.data_product_id <> pick.id`,
      [name, share],
    );
  }
  // The same search rows the catalog writes, built by the same function, for all products at once.
  const { db } = await import("@/lib/db");
  const { refreshSearchDocuments } = await import("@/lib/catalog/refresh-search-document");
  await refreshSearchDocuments(db, null);
  await client.query("DROP FUNCTION pick(text[]), pick_skewed(text[])");
  // A fresh load is compact: rewrite away the row versions the UPDATE left behind, then set the visibility map and statistics.
  await client.query("VACUUM FULL data_product");
  await client.query("VACUUM FULL data_product_search");
  await client.query("VACUUM ANALYZE");
}

/** A reproducible mix of what people type: words, pairs, typos, prefixes, with and without filters and sorts. */
function buildQueries(domainSlugs: string[]): { kind: string; query: QuerySpec }[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const any = <T>(a: readonly T[]) => a[Math.floor(rand() * a.length)];
  const single = ["orders", "payments", "inventory", "shipments", "customers", "clickstream", "attribution", "refunds", "loyalty", "chargebacks", "warehouses", "promotions", "stripe", "adyen", "snowplow", "fraud", "forecasting", "settlements", "carriers", "wishlists"];
  const pairs = ["customer refunds", "payments eu", "inventory snapshot", "clickstream sessions", "fraud detection", "order events", "shipments carrier", "loyalty apac", "marketing attribution", "stock levels", "gift cards", "real-time payments", "churn prediction", "supplier scorecards", "returns uk"];
  const typos = ["custmer", "paymnets", "inventroy", "shipmnets", "clikstream", "atribution", "refnds", "warehuose", "promotoins", "chargbacks", "fulfilment", "subscriptons", "recomendations", "deliveires", "custmer orders"];
  const prefixes = ["paym", "inv", "ship", "cust", "click", "attr", "ref", "wareh", "prom", "sub", "o", "re", "settl", "orders ev", "customer seg"];
  const sorts = ["relevance", "relevance", "relevance", "updated", "name"];
  const filters = (): QuerySpec => {
    const f: QuerySpec = {};
    if (rand() < 0.4) f.domain = rand() < 0.7 ? any(domainSlugs) : [any(domainSlugs), any(domainSlugs)];
    if (rand() < 0.3) f.tag = any(["gold", "pii", "realtime", "finance", "certified", "gdpr", "kpi"]);
    if (rand() < 0.25) f.classification = rand() < 0.5 ? "internal" : ["confidential", "restricted"];
    if (rand() < 0.25) f.status = "published";
    if (rand() < 0.15) f.portType = "table";
    if (Object.keys(f).length === 0) f.domain = any(domainSlugs);
    return f;
  };
  const out: { kind: string; query: QuerySpec }[] = [];
  const add = (kind: string, q: string | undefined, withFilters: boolean) => {
    const query: QuerySpec = { ...(q ? { q } : {}), ...(withFilters ? filters() : {}), sort: any(sorts) };
    if (rand() < 0.1) query.page = String(2 + Math.floor(rand() * 3));
    out.push({ kind, query });
  };
  for (const q of single) {
    add("word", q, false);
    add("word+filters", q, true);
  }
  for (const q of pairs) {
    add("two words", q, false);
    add("two words+filters", q, true);
  }
  for (const q of typos) {
    add("typo", q, false);
    add("typo+filters", q, true);
  }
  for (const q of prefixes) {
    add("prefix", q, false);
    add("prefix+filters", q, true);
  }
  for (let i = 0; i < 30; i++) add("browse+filters", undefined, true);
  for (let i = 0; i < 10; i++) add("browse", undefined, false);
  for (let i = 0; i < 30; i++) add("mixed", any([...single, ...pairs, ...typos, ...prefixes]), rand() < 0.5);
  return out;
}

type Db = typeof import("@/lib/db").db;
type PrismaNs = typeof import("@/lib/generated/prisma/client").Prisma;
type SearchQuerySchema = typeof import("@/lib/search/search-query").SearchQuery;
type Actor = import("@/lib/auth/actor").Actor;

/**
 * The straightforward implementation to beat: ILIKE '%word%' over name, description and tags (no index can help),
 * the same visibility, filters and disjunctive facet counts, each count its own query, run concurrently.
 */
function naiveSearchWith(db: Db, Prisma: PrismaNs, SearchQuery: SearchQuerySchema) {
  return async (actor: Actor, input: QuerySpec) => {
    const query = SearchQuery.parse(input);
    const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const text = words.map((w) => {
      const pattern = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return Prisma.sql`(p.name ILIKE ${pattern} OR p.description ILIKE ${pattern} OR array_to_string(p.tags, ' ') ILIKE ${pattern})`;
    });
    const visible = actor.role === "user" ? Prisma.sql`(p.status IN ('published', 'deprecated') OR p.team_id = ANY(${actor.memberships.map((m) => m.teamId)}::uuid[]))` : Prisma.sql`TRUE`;
    const filters = {
      domain: query.domain.length ? Prisma.sql`d.slug = ANY(${query.domain}::text[])` : null,
      tag: query.tag.length ? Prisma.sql`p.tags && ${query.tag}::text[]` : null,
      classification: query.classification.length ? Prisma.sql`p.classification::text = ANY(${query.classification}::text[])` : null,
      status: query.status.length ? Prisma.sql`p.status::text = ANY(${query.status}::text[])` : null,
      portType: query.portType.length ? Prisma.sql`p.port_types::text[] && ${query.portType}::text[]` : null,
    };
    const where = (except?: keyof typeof filters) =>
      Prisma.join([Prisma.sql`TRUE`, visible, ...text, ...Object.entries(filters).filter(([k, f]) => f && k !== except).map(([, f]) => f!)], " AND ");
    const from = Prisma.sql`data_product p JOIN domain d ON d.id = p.domain_id JOIN team t ON t.id = p.team_id`;
    const order = query.sort === "name" ? Prisma.sql`p.name, p.id` : Prisma.sql`p.updated_at DESC, p.id`;
    const run = <T>(sql: ReturnType<typeof Prisma.sql>) =>
      db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`;
        return tx.$queryRaw<T>(sql);
      }, { timeout: 300_000 });
    const [count, page, ...facets] = await Promise.all([
      run<{ total: bigint }[]>(Prisma.sql`SELECT count(*) AS total FROM ${from} WHERE ${where()}`),
      run<unknown[]>(Prisma.sql`SELECT p.id, p.urn, p.name, p.tags, p.status, d.slug, d.name AS domain_name, t.slug AS team_slug, left(p.description, 200) AS snippet FROM ${from} WHERE ${where()} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`),
      run<unknown[]>(Prisma.sql`SELECT d.slug, d.name, count(*) FROM ${from} WHERE ${where("domain")} GROUP BY d.slug, d.name`),
      run<unknown[]>(Prisma.sql`SELECT tag, count(*) FROM ${from}, unnest(p.tags) tag WHERE ${where("tag")} GROUP BY tag ORDER BY count(*) DESC LIMIT 20`),
      run<unknown[]>(Prisma.sql`SELECT p.classification, count(*) FROM ${from} WHERE ${where("classification")} GROUP BY 1`),
      run<unknown[]>(Prisma.sql`SELECT p.status, count(*) FROM ${from} WHERE ${where("status")} GROUP BY 1`),
      run<unknown[]>(Prisma.sql`SELECT pt, count(*) FROM ${from}, unnest(p.port_types) pt WHERE ${where("portType")} GROUP BY 1`),
    ]);
    return { total: Number(count[0].total), items: page, facets };
  };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  assertLocal(serverUrl);
  const name = values.reuse ?? `meshwork_bench_search_${Date.now()}`;
  if (!/^meshwork_bench_search_\d+$/.test(name)) throw new Error(`--reuse takes a database made by this benchmark, not ${name}.`);
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  if (!values.reuse) await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  let dbModule: typeof import("@/lib/db") | undefined;
  try {
    await migrateDatabase(url.toString());
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const fillStart = performance.now();
    if (!values.reuse) await fill(client);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const counts = (await client.query(`SELECT (SELECT count(*) FROM data_product)::int AS products, (SELECT count(*) FROM port)::int AS ports, (SELECT count(*) FROM domain)::int AS domains, (SELECT count(*) FROM team)::int AS teams, (SELECT count(*) FROM search_term)::int AS terms, pg_size_pretty(pg_total_relation_size('data_product')) AS size, pg_size_pretty(pg_total_relation_size('data_product_search')) AS search_size`)).rows[0];
    console.log(`Filled ${counts.products} products, ${counts.ports} ports, ${counts.domains} domains, ${counts.teams} teams, ${counts.terms} vocabulary terms (data_product ${counts.size}, data_product_search ${counts.search_size}) in ${fillSeconds.toFixed(1)} s`);
    const domainSlugs = (await client.query<{ slug: string }>("SELECT slug FROM domain ORDER BY slug")).rows.map((r) => r.slug);
    const analystTeam = (await client.query<{ id: string }>("SELECT id FROM team ORDER BY slug, id LIMIT 1")).rows[0].id;
    const analystId = (await client.query<{ id: string }>("INSERT INTO app_user (id, email, name, role) VALUES (gen_random_uuid(), 'analyst@bench.test', 'Bench Analyst', 'user') ON CONFLICT (email) DO UPDATE SET name = excluded.name RETURNING id")).rows[0].id;
    await client.query("INSERT INTO team_membership (team_id, user_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING", [analystTeam, analystId]);
    await client.end();

    dbModule = await import("@/lib/db");
    const { loadActor } = await import("@/lib/auth/load-actor");
    const { searchDataProducts } = await import("@/lib/search/search-data-products");
    const { Prisma } = await import("@/lib/generated/prisma/client");
    const { SearchQuery } = await import("@/lib/search/search-query");
    const naiveSearch = naiveSearchWith(dbModule.db, Prisma, SearchQuery);
    const analyst = (await loadActor(analystId))!;
    const queries = buildQueries(domainSlugs);

    const run = async (label: string, fn: (q: QuerySpec) => Promise<{ total: number }>, warmUp = queries.length) => {
      for (const { query } of queries.slice(0, warmUp)) await fn(query); // warm-up: caches, plans, connections
      const times: number[] = [];
      const totals: number[] = [];
      const slowest: { ms: number; query: QuerySpec; total: number }[] = [];
      const byKind = new Map<string, number[]>();
      for (const { kind, query } of queries) {
        const start = performance.now();
        const result = await fn(query);
        const ms = performance.now() - start;
        times.push(ms);
        totals.push(result.total);
        slowest.push({ ms, query, total: result.total });
        byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
      }
      console.log(`  ${label}: ${queries.length} queries measured`);
      slowest.sort((a, b) => b.ms - a.ms);
      for (const q of slowest.slice(0, 5)) console.log(`    slowest: ${q.ms.toFixed(1)} ms, ${q.total} hits, ${JSON.stringify(q.query)}`);
      return { all: stats(times), byKind: Object.fromEntries([...byKind].map(([k, t]) => [k, stats(t)])), totals };
    };
    console.log("Running queries (warm-up pass, then measured pass)…");
    const meshwork = await run("searchDataProducts", (q) => searchDataProducts(analyst, q));
    // The baseline scans the whole table several times per search, so a few queries are enough to warm it up.
    const baseline = values["skip-baseline"] ? undefined : await run("naive ILIKE baseline", (q) => naiveSearch(analyst, q), 10);

    const fmt = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(1)).padStart(9);
    console.log(`\nDiscovery search, ${counts.products} products, ${queries.length} queries, analyst actor, all facet counts computed\n`);
    console.log("".padEnd(28), "p50 ms".padStart(9), "p95 ms".padStart(9), "p99 ms".padStart(9), "mean ms".padStart(9), "max ms".padStart(9));
    for (const [label, s] of [["searchDataProducts", meshwork.all], ["naive ILIKE baseline", baseline?.all]] as const) {
      if (s) console.log(label.padEnd(28), fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.mean), fmt(s.max));
    }
    const ratio = baseline && { p50: baseline.all.p50 / meshwork.all.p50, p95: baseline.all.p95 / meshwork.all.p95, p99: baseline.all.p99 / meshwork.all.p99, mean: baseline.all.mean / meshwork.all.mean };
    if (ratio) console.log(`\nSpeed-up over the baseline: ${ratio.p50.toFixed(1)}× at p50, ${ratio.p95.toFixed(1)}× at p95, ${ratio.p99.toFixed(1)}× at p99, ${ratio.mean.toFixed(1)}× on the mean`);
    console.log(`\n${"by kind of query".padEnd(28)} ${"n".padStart(4)} ${"p50 ms".padStart(9)} ${"p95 ms".padStart(9)} ${"max ms".padStart(9)} ${"base p50".padStart(9)}`);
    for (const [kind, s] of Object.entries(meshwork.byKind)) {
      const n = queries.filter((q) => q.kind === kind).length;
      console.log(`  ${kind}`.padEnd(28), String(n).padStart(4), fmt(s.p50), fmt(s.p95), fmt(s.max), fmt(baseline?.byKind[kind].p50));
    }
    const average = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const averageHits = average(meshwork.totals);
    console.log(`\nAverage result-set size: ${averageHits.toFixed(0)} products${baseline ? ` (baseline: ${average(baseline.totals).toFixed(0)}; it has no prefix-stemming or typo matching)` : ""}`);
    const met = meshwork.all.p95 <= 50 && (ratio?.p95 ?? 0) >= 20;
    console.log(`Goal p95 ≤ 50 ms and ≥ 20× faster than the baseline: ${met ? "met" : "NOT met"} (p95 ${meshwork.all.p95.toFixed(1)} ms${ratio ? `, ${ratio.p95.toFixed(1)}× at p95` : ", baseline skipped"})`);

    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(
      path.join(ROOT, "bench/results/search.json"),
      JSON.stringify({ at: new Date().toISOString(), products: counts.products, ports: counts.ports, vocabulary: counts.terms, fillSeconds: values.reuse ? null : fillSeconds, queries: queries.length, searchDataProducts: meshwork.all, byKind: meshwork.byKind, baseline: baseline?.all ?? null, baselineByKind: baseline?.byKind ?? null, speedup: ratio ?? null, averageHits, goalMet: met }, null, 2),
    );
    console.log("Figures written to bench/results/search.json");
  } finally {
    await dbModule?.db.$disconnect();
    if (values.keep) console.log(`Kept the bench database: ${url.toString()}`);
    else await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
