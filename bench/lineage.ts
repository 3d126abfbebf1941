// Benchmark of the lineage graph (lib/lineage/get-lineage-graph.ts, GET /api/v1/lineage, the /lineage page) on a mesh of
// 5,000 products and 20,000 lineage edges (input ports) plus OpenLineage jobs, in a database of its own:
//   - the lib function for 2-hop neighbourhoods and depth 6, p50/p95, beside a naive recursive query (paths, visibility
//     filtered afterwards) as the baseline, in the same process;
//   - one pass over HTTP against the production build (`npx next build` first; hold /tmp/meshwork-e2e.lock where .next is shared);
//   - headless Chromium: from navigation start to elk's positions applied to every node and the graph answering a click
//     (fired the moment the page marks the layout applied; answered when the page shows the clicked node selected), for
//     a 2-hop neighbourhood and for a graph of about 1,000 products.
//   npx tsx bench/lineage.ts [--products 5000] [--edges 20000] [--queries 60] [--port 3650] [--skip-http] [--skip-browser] [--keep]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { chromium } from "@playwright/test";
import { migrateDatabase } from "@/lib/db/migrate";
import { stopProcessGroup } from "../bin/process-group";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    products: { type: "string", default: "5000" },
    edges: { type: "string", default: "20000" },
    queries: { type: "string", default: "60" },
    port: { type: "string", default: "3650" },
    "skip-http": { type: "boolean", default: false },
    "skip-browser": { type: "boolean", default: false },
    "skip-baseline": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const PRODUCTS = Number(values.products);
const EDGES = Number(values.edges);
const QUERIES = Number(values.queries);
const LAYERS = 8;
const PASSWORD = "meshwork-demo";

type Stats = { p50: number; p95: number; max: number; mean: number };
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
function stats(times: number[]): Stats {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
}
const fmt = (n: number) => n.toFixed(1).padStart(8);

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`Refusing to benchmark against a non-local database (${host}).`);
}

async function waitFor(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * A layered mesh, set-based: products in 8 layers (sources first); each product above the first reads upstream topics,
 * mostly from the layer just below and skewed towards a few popular products (wide nodes); a few read upwards (cycles).
 * 15% are drafts. OpenLineage jobs read one or two topics and write another product's table.
 */
async function fill(client: pg.Client, passwordHash: string) {
  await client.query("SELECT setseed(0.12)");
  await client.query(`INSERT INTO domain (id, slug, name) SELECT gen_random_uuid(), 'domain-' || g, 'Domain ' || g FROM generate_series(1, 12) g`);
  await client.query(`INSERT INTO team (id, domain_id, slug, name) SELECT gen_random_uuid(), d.id, 'team-' || s, d.name || ' team ' || s FROM domain d, generate_series(1, 3) s`);
  await client.query(`CREATE TEMP TABLE bench_team AS SELECT row_number() OVER (ORDER BY t.id) AS n, t.id, t.domain_id, d.slug AS domain_slug FROM team t JOIN domain d ON d.id = t.domain_id`);
  await client.query(
    `INSERT INTO data_product (id, urn, domain_id, team_id, slug, name, status)
     SELECT gen_random_uuid(), 'urn:meshwork:' || t.domain_slug || ':product-' || g, t.domain_id, t.id, 'product-' || g, 'Product ' || g,
            (CASE WHEN random() < 0.15 THEN 'draft' ELSE 'published' END)::"ProductStatus"
     FROM generate_series(1, $1::int) g JOIN bench_team t ON t.n = 1 + (g % (SELECT count(*) FROM bench_team))`,
    [PRODUCTS],
  );
  await client.query(`CREATE TEMP TABLE bench_product AS SELECT row_number() OVER (ORDER BY slug) - 1 AS n, id FROM data_product`);
  await client.query(`ALTER TABLE bench_product ADD COLUMN layer int`);
  await client.query(`UPDATE bench_product SET layer = n * ${LAYERS} / ${PRODUCTS}`);
  await client.query(`CREATE INDEX ON bench_product (n)`);
  await client.query(`
    INSERT INTO port (id, data_product_id, direction, type, name, location)
    SELECT gen_random_uuid(), p.id, 'output', 'kafka_topic', 'events', 'bench.' || p.slug || '.v1' FROM data_product p`);
  await client.query(`
    INSERT INTO port (id, data_product_id, direction, type, name, location, source_port_id)
    SELECT gen_random_uuid(), p.id, 'output', 'table', 'table', 'bench.' || replace(p.slug, '-', '_'), tp.id
    FROM data_product p JOIN port tp ON tp.data_product_id = p.id AND tp.name = 'events' WHERE random() < 0.8`);
  // The edges: readers in layers 1..7, each reading about EDGES / readers topics; 80% from the layer below, skewed to its first products.
  const perLayer = PRODUCTS / LAYERS;
  await client.query(
    `WITH readers AS (SELECT id, layer FROM bench_product WHERE layer > 0),
     picks AS MATERIALIZED (
       SELECT r.id AS reader, r.layer, random() AS how, power(random(), 2.5) AS skew, random() AS spread
       FROM readers r, generate_series(1, ceil($1::numeric / (SELECT count(*) FROM readers))::int + 1) k
     ),
     targets AS (
       SELECT DISTINCT ON (reader, up) reader, up FROM (
         SELECT reader, CASE
           WHEN how < 0.8 THEN ((layer - 1) * $2::numeric + floor(skew * $2::numeric))::bigint
           WHEN how < 0.99 THEN floor(spread * layer * $2::numeric)::bigint
           ELSE least($3::bigint - 1, ((layer + 1) * $2::numeric + floor(skew * $2::numeric))::bigint)
         END AS up FROM picks
       ) x
     ),
     chosen AS (SELECT t.reader, b.id AS upstream FROM targets t JOIN bench_product b ON b.n = t.up WHERE b.id <> t.reader ORDER BY random() LIMIT $1)
     INSERT INTO port (id, data_product_id, direction, type, name, upstream_port_id)
     SELECT gen_random_uuid(), c.reader, 'input', 'kafka_topic', 'in-' || row_number() OVER (PARTITION BY c.reader ORDER BY c.upstream), tp.id
     FROM chosen c JOIN port tp ON tp.data_product_id = c.upstream AND tp.name = 'events'`,
    [EDGES, perLayer, PRODUCTS],
  );
  // Consumer teams: 3,000 active subscriptions to table ports.
  await client.query(`
    INSERT INTO subscription (id, port_id, consumer_team_id, purpose, state)
    SELECT DISTINCT ON (port_id, team_id) gen_random_uuid(), port_id, team_id, 'bench', 'active' FROM (
      SELECT (SELECT id FROM port WHERE type = 'table' AND g > 0 ORDER BY random() LIMIT 1) AS port_id, t.id AS team_id
      FROM generate_series(1, 3000) g JOIN bench_team t ON t.n = 1 + floor(random() * (SELECT count(*) FROM bench_team))
    ) s`);
  // OpenLineage: every port a dataset; 2,000 jobs reading one or two topics and writing a table of a product a layer up.
  await client.query(`INSERT INTO lineage_dataset (id, namespace, name, port_id) SELECT gen_random_uuid(), CASE WHEN type = 'table' THEN 'postgres://bench:5432' ELSE 'kafka://bench:9092' END, location, id FROM port WHERE direction = 'output'`);
  await client.query(`INSERT INTO lineage_job (id, namespace, name, last_run_state, last_event_time) SELECT gen_random_uuid(), 'bench', 'job-' || g, 'COMPLETE', now() FROM generate_series(1, 2000) g`);
  await client.query(
    `WITH jobs AS (SELECT id, row_number() OVER (ORDER BY name) AS k FROM lineage_job),
     io AS (SELECT j.id AS job, 1 + ((j.k * 7919) % ($1::bigint - $2::bigint)) AS reader_n FROM jobs j)
     INSERT INTO lineage_job_dataset (job_id, dataset_id, direction)
     SELECT io.job, ds.id, 'output'::"PortDirection" FROM io JOIN bench_product b ON b.n = io.reader_n + $2::bigint JOIN port p ON p.data_product_id = b.id AND p.type = 'table' JOIN lineage_dataset ds ON ds.port_id = p.id
     UNION ALL
     SELECT io.job, ds.id, 'input'::"PortDirection" FROM io JOIN bench_product b ON b.n = io.reader_n JOIN port p ON p.data_product_id = b.id AND p.name = 'events' JOIN lineage_dataset ds ON ds.port_id = p.id`,
    [PRODUCTS, Math.round(perLayer)],
  );
  await client.query(`INSERT INTO app_user (id, email, name, role, password_hash) VALUES (gen_random_uuid(), 'analyst@bench.test', 'Bench Analyst', 'user', $1)`, [passwordHash]);
  await client.query(`INSERT INTO team_membership (team_id, user_id, role) SELECT (SELECT id FROM team ORDER BY id LIMIT 1), id, 'member' FROM app_user WHERE email = 'analyst@bench.test'`);
  await client.query("VACUUM ANALYZE");
}

/**
 * The straightforward recursive query to beat: every path up and down (UNION ALL, a path array against cycles), the
 * visibility rule applied afterwards in the application, then the products and the edges between them.
 */
async function naiveLineage(client: pg.Client, visibleTeams: string[], focus: string, depth: number) {
  const walk = (dir: "up" | "down") => `
    WITH RECURSIVE w(id, depth, path) AS (
      SELECT $1::uuid, 0, ARRAY[$1::uuid]
      UNION ALL
      SELECT ${dir === "up" ? "o.data_product_id" : "i.data_product_id"}, w.depth + 1, w.path || ${dir === "up" ? "o.data_product_id" : "i.data_product_id"}
      FROM w JOIN port ${dir === "up" ? "i ON i.data_product_id = w.id JOIN port o ON o.id = i.upstream_port_id" : "o ON o.data_product_id = w.id JOIN port i ON i.upstream_port_id = o.id"}
      WHERE w.depth < $2 AND NOT ${dir === "up" ? "o.data_product_id" : "i.data_product_id"} = ANY(w.path)
    ) SELECT DISTINCT id FROM w`;
  const [up, down] = [await client.query<{ id: string }>(walk("up"), [focus, depth]), await client.query<{ id: string }>(walk("down"), [focus, depth])];
  const ids = [...new Set([...up.rows, ...down.rows].map((r) => r.id))];
  const products = (await client.query<{ id: string; status: string; team_id: string }>(`SELECT p.*, d.slug AS domain_slug, d.name AS domain_name FROM data_product p JOIN domain d ON d.id = p.domain_id WHERE p.id = ANY($1::uuid[])`, [ids])).rows;
  const visible = products.filter((p) => p.status === "published" || p.status === "deprecated" || visibleTeams.includes(p.team_id));
  const edges = await client.query(
    `SELECT o.data_product_id AS source, i.data_product_id AS target FROM port i JOIN port o ON o.id = i.upstream_port_id WHERE i.data_product_id = ANY($1::uuid[]) AND o.data_product_id = ANY($1::uuid[])`,
    [visible.map((p) => p.id)],
  );
  return { nodes: visible.length, edges: edges.rowCount };
}

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  assertLocal(serverUrl);
  const name = `meshwork_bench_lineage_${Date.now()}`;
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.MESHWORK_DEMO = "on";
  let dbModule: typeof import("@/lib/db") | undefined;
  let server: ChildProcess | undefined;
  const client = new pg.Client({ connectionString: url.toString() });
  try {
    await migrateDatabase(url.toString());
    await client.connect();
    const { hashPassword } = await import("@/lib/auth/passwords");
    const fillStart = performance.now();
    await fill(client, await hashPassword(PASSWORD));
    const counts = (
      await client.query(`SELECT (SELECT count(*) FROM data_product)::int AS products, (SELECT count(*) FROM port WHERE upstream_port_id IS NOT NULL)::int AS edges,
        (SELECT count(*) FROM lineage_job)::int AS jobs, (SELECT count(*) FROM lineage_job_dataset)::int AS job_datasets, (SELECT count(*) FROM subscription)::int AS subscriptions,
        (SELECT count(*) FROM data_product WHERE status = 'draft')::int AS drafts`)
    ).rows[0];
    console.log(`Filled ${counts.products} products (${counts.drafts} drafts), ${counts.edges} input-port edges, ${counts.jobs} OpenLineage jobs (${counts.job_datasets} inputs/outputs), ${counts.subscriptions} subscriptions in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

    dbModule = await import("@/lib/db");
    const { loadActor } = await import("@/lib/auth/load-actor");
    const { getLineageGraph } = await import("@/lib/lineage/get-lineage-graph");
    const { createApiToken } = await import("@/lib/tokens/create-api-token");
    const analystId = (await client.query<{ id: string }>("SELECT id FROM app_user WHERE email = 'analyst@bench.test'")).rows[0].id;
    const analyst = (await loadActor(analystId))!;
    const teams = analyst.memberships.map((m) => m.teamId);
    // Focus products spread over the middle layers (they have neighbours both ways), reproducibly.
    const focuses = (await client.query<{ urn: string; id: string }>(`SELECT p.urn, p.id FROM bench_product b JOIN data_product p ON p.id = b.id WHERE b.layer BETWEEN 2 AND 5 AND p.status = 'published' ORDER BY md5(p.id::text) LIMIT $1`, [QUERIES])).rows;

    const measure = async (label: string, run: (focus: { urn: string; id: string }) => Promise<number>) => {
      for (const f of focuses.slice(0, 10)) await run(f); // warm-up: caches, plans, connections
      const times: number[] = [];
      const sizes: number[] = [];
      for (const f of focuses) {
        const start = performance.now();
        sizes.push(await run(f));
        times.push(performance.now() - start);
      }
      const s = stats(times);
      const avg = sizes.reduce((a, b) => a + b, 0) / sizes.length;
      console.log(`  ${label.padEnd(44)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.max)}   ${avg.toFixed(0).padStart(6)} products on average (max ${Math.max(...sizes)})`);
      return { ...s, averageProducts: avg, maxProducts: Math.max(...sizes) };
    };
    const productsOf = (g: Awaited<ReturnType<typeof getLineageGraph>>) => g.nodes.filter((n) => n.kind === "product").length;
    console.log(`\n${QUERIES} focus products, analyst (a plain user: drafts of other teams hidden)\n${"".padEnd(46)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
    const lib2 = await measure("getLineageGraph, 2 hops up and down", async (f) => productsOf(await getLineageGraph(analyst, { focus: f.urn, depth: "2" })));
    const lib6 = await measure("getLineageGraph, depth 6", async (f) => productsOf(await getLineageGraph(analyst, { focus: f.urn, depth: "6" })));
    const skip = { p50: NaN, p95: NaN, max: NaN, mean: NaN, averageProducts: NaN, maxProducts: NaN };
    const naive2 = values["skip-baseline"] ? skip : await measure("naive recursive query, 2 hops", async (f) => (await naiveLineage(client, teams, f.id, 2)).nodes);
    await client.query("SET statement_timeout = '60s'");
    const naive6 = values["skip-baseline"] ? skip : await measure("naive recursive query, depth 6", async (f) => (await naiveLineage(client, teams, f.id, 6)).nodes);

    let http: { two: Stats; six: Stats } | null = null;
    let browser: Record<string, { usableMs: number[]; layoutMs: number[]; interactiveMs: number[]; nodes: number; focus: string; depth: number }> | null = null;
    const base = `http://localhost:${values.port}`;
    if (!values["skip-http"] || !values["skip-browser"]) {
      const env = { ...process.env, DATABASE_URL: url.toString(), MESHWORK_DEMO: "on", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" };
      server = spawn("npx", ["next", "start", "-p", values.port!], { cwd: ROOT, env, stdio: "ignore", detached: true });
      await waitFor(`${base}/api/health`);
    }
    if (!values["skip-http"]) {
      const token = (await createApiToken(analyst, { name: "bench" })).token;
      const get = async (f: { urn: string }, depth: number) => {
        const response = await fetch(`${base}/api/v1/lineage?focus=${encodeURIComponent(f.urn)}&depth=${depth}`, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(`GET /api/v1/lineage answered ${response.status}`);
        return ((await response.json()) as { nodes: { kind: string }[] }).nodes.filter((n) => n.kind === "product").length;
      };
      console.log("\nOne pass over HTTP (next start, Bearer token, JSON parsed by the client)");
      http = { two: await measure("GET /api/v1/lineage?depth=2", (f) => get(f, 2)), six: await measure("GET /api/v1/lineage?depth=6", (f) => get(f, 6)) };
    }
    if (!values["skip-browser"]) {
      // The 1,000-product graph: the first focus and depth whose neighbourhood holds 900-1,400 products.
      let big: { urn: string; depth: number; nodes: number } | undefined;
      for (const depth of [3, 4, 5, 6]) {
        for (const f of focuses) {
          const n = productsOf(await getLineageGraph(analyst, { focus: f.urn, depth: String(depth), maxNodes: "2000" }));
          if (n >= 900 && n <= 1400) big = { urn: f.urn, depth, nodes: n };
          if (big) break;
        }
        if (big) break;
      }
      const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
      const context = await b.newContext({ viewport: { width: 1440, height: 900 } });
      const csrf = (await (await context.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
      const signIn = await context.request.post(`${base}/api/auth/callback/credentials`, { form: { csrfToken: csrf.csrfToken, email: "analyst@bench.test", password: PASSWORD, json: "true" } });
      if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
      const violations: string[] = [];
      const page = await context.newPage();
      page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
      // The moment the graph shows a new selection, taken in the page (not after Playwright's round trip).
      await page.addInitScript(() => {
        new MutationObserver(() => {
          const graph = document.querySelector<HTMLElement>('[data-testid="lineage-graph"]');
          if (graph?.dataset.selectedNode) (window as unknown as { selectedAt?: number }).selectedAt ??= performance.now();
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-selected-node"] });
      });
      const marked = (name: string) => page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
      const until = async <T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T> => {
        for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 10))) {
          const value = await read();
          if (value !== null) return value;
        }
        throw new Error("timed out");
      };
      const timeGraph = async (focus: string, depth: number) => {
        await page.goto(`${base}/lineage?focus=${encodeURIComponent(focus)}&depth=${depth}`, { waitUntil: "commit" });
        const graph = page.getByTestId("lineage-graph");
        // A click on the focus node, fired the moment the page says the graph is placed, is answered when the node
        // becomes the selection. The click lands on the node's top row (domain and status: not a link, not a button).
        const click = async () => {
          await page.evaluate(() => delete (window as unknown as { selectedAt?: number }).selectedAt);
          const target = page.locator(`.react-flow__node-product:has([data-product-urn="${focus}"])`);
          const box = (await target.boundingBox())!;
          await page.mouse.click(box.x + box.width / 2, box.y + Math.max(1, box.height * 0.08));
          return until(() => page.evaluate(() => (window as unknown as { selectedAt?: number }).selectedAt ?? null), 30_000);
        };
        // Usable: every node placed (a big graph laid out in the browser is first shown in columns by hop) and a click answered.
        const usable = await until(async () => (await marked("lineage-columns-applied")) ?? (await marked("lineage-layout-applied")), 60_000);
        const usableMs = Math.max(usable, await click());
        const inColumns = (await marked("lineage-columns-applied")) !== null;
        // Laid out on the server, the graph opens with elk's layout: that first click is the one that counts.
        if (!inColumns) return { usableMs, layoutMs: usable, interactiveMs: usableMs, nodes: Number(await graph.getAttribute("data-layout-nodes")) };
        await page.getByRole("button", { name: "Clear selection" }).click();
        await page.locator('[data-testid="lineage-graph"][data-selected-node=""]').waitFor();
        const layoutMs = await until(() => marked("lineage-layout-applied"), 120_000);
        const nodes = Number(await graph.getAttribute("data-layout-nodes"));
        // Interactive as the issue defines it: elk's positions applied to every node and a click answered.
        const interactiveMs = Math.max(layoutMs, await click());
        return { usableMs, layoutMs, interactiveMs, nodes };
      };
      browser = {};
      const cases: [string, string, number][] = [["2-hop neighbourhood", focuses[0].urn, 2], ...(big ? [[`${big.nodes}-product graph`, big.urn, big.depth] as [string, string, number]] : [])];
      console.log(`\nHeadless Chromium, 1440×900, from navigation start (5 runs each, after one warm-up run)`);
      for (const [label, focus, depth] of cases) {
        await timeGraph(focus, depth);
        const runs = [];
        for (let i = 0; i < 5; i++) runs.push(await timeGraph(focus, depth));
        browser[label] = { usableMs: runs.map((r) => r.usableMs), layoutMs: runs.map((r) => r.layoutMs), interactiveMs: runs.map((r) => r.interactiveMs), nodes: runs[0].nodes, focus, depth };
        const median = (a: number[]) => [...a].sort((x, y) => x - y)[2];
        console.log(`  ${label.padEnd(24)} ${runs[0].nodes} nodes (depth ${depth}): usable (placed, click answered) ${median(runs.map((r) => r.usableMs)).toFixed(0)} ms, elk's layout applied ${median(runs.map((r) => r.layoutMs)).toFixed(0)} ms, interactive ${median(runs.map((r) => r.interactiveMs)).toFixed(0)} ms (median; max ${Math.max(...runs.map((r) => r.interactiveMs)).toFixed(0)} ms)`);
      }
      console.log(`  CSP violations reported by the browser: ${violations.length}`);
      await b.close();
    }

    const ratio2 = naive2.p95 / lib2.p95;
    const ratio6 = naive6.p95 / lib6.p95;
    console.log(`\nBaseline / getLineageGraph at p95: ${ratio2.toFixed(1)}× (2 hops), ${ratio6.toFixed(1)}× (depth 6)`);
    const bigRun = browser && Object.entries(browser).find(([k]) => k !== "2-hop neighbourhood")?.[1];
    const bigInteractive = bigRun ? [...bigRun.interactiveMs].sort((a, b) => a - b)[2] : null;
    console.log(`Goals: 2-hop p95 ≤ 50 ms: ${lib2.p95 <= 50 ? "met" : "NOT met"} (${lib2.p95.toFixed(1)} ms); depth-6 p95 ≤ 200 ms: ${lib6.p95 <= 200 ? "met" : "NOT met"} (${lib6.p95.toFixed(1)} ms)${bigInteractive !== null ? `; ~1,000-node graph interactive ≤ 1.5 s: ${bigInteractive <= 1500 ? "met" : "NOT met"} (${bigInteractive.toFixed(0)} ms, ${bigRun!.nodes} nodes${bigRun!.usableMs.some((u, i) => u !== bigRun!.interactiveMs[i]) ? `; usable in columns by hop at ${[...bigRun!.usableMs].sort((a, b) => a - b)[2].toFixed(0)} ms` : ", laid out on the server"})` : ""}${http ? `; over HTTP p95 ${http.two.p95.toFixed(1)} ms (2 hops), ${http.six.p95.toFixed(1)} ms (depth 6)` : ""}`);
    mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
    writeFileSync(path.join(ROOT, "bench/results/lineage.json"), JSON.stringify({ at: new Date().toISOString(), counts, queries: QUERIES, lib: { twoHops: lib2, depth6: lib6 }, baseline: { twoHops: naive2, depth6: naive6 }, ratio: { twoHops: ratio2, depth6: ratio6 }, http, browser }, null, 2));
    console.log("Figures written to bench/results/lineage.json");
  } finally {
    if (server?.pid) await stopProcessGroup(server.pid);
    await client.end().catch(() => {});
    await dbModule?.db.$disconnect();
    await (await import("@/lib/lineage/lineage-pool")).endLineagePool();
    if (values.keep) console.log(`Kept the bench database: ${url.toString()}`);
    else await adminClient.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminClient.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
