import type { Actor } from "@/lib/auth/actor";
import { visibleProductSql } from "@/lib/auth/visible-products-sql";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PortDirection, PortType, ProductStatus } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation";
import type { EdgeKind } from "./edge-kinds";
import { queryPrepared } from "./lineage-pool";
import { encodeCursor, LineageGraphQuery, type LineageGraphQueryInput } from "./lineage-graph-query";
import { getQualitySummaries, type QualitySummary } from "@/lib/quality/quality-summary";
import type { LineageGraphQuery as ParsedQuery } from "./lineage-graph-query";

type Direction = "upstream" | "downstream";

export type LineagePort = { id: string; name: string; type: PortType; direction: PortDirection; sourcePortId: string | null };
export type LineageProductNode = {
  kind: "product";
  id: string;
  urn: string;
  slug: string;
  name: string;
  status: ProductStatus;
  domain: { slug: string; name: string };
  team: { id: string; name: string };
  /** Hops from the focus: negative upstream, positive downstream, 0 for the focus. */
  depth: number;
  ports: LineagePort[];
  /** Neighbours the viewer may see that this graph does not hold yet (click to expand). */
  hidden: { upstream: number; downstream: number };
  /** All neighbours the viewer may see, in the graph or not. */
  neighbours: { upstream: number; downstream: number };
  /** The quality and freshness badge (lib/quality/quality-summary.ts); null before the product's first check run. */
  quality?: QualitySummary | null;
};
export type LineageTeamNode = { kind: "team"; id: string; teamId: string; name: string; domain: { slug: string; name: string } };
/** Products the viewer may not see, next to one node and direction: shown as "N hidden products", never by name. */
export type LineageHiddenNode = { kind: "hidden"; id: string; count: number; of: string; direction: Direction };
export type LineageNode = LineageProductNode | LineageTeamNode | LineageHiddenNode;
export type LineageEdge = {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  sourcePort: string | null;
  targetPort: string | null;
  label: string;
  /** For an OpenLineage job edge: its latest run. */
  job?: { namespace: string; name: string; lastRunState: string | null; lastEventTime: string | null };
};

type Row = {
  nodes: (Omit<LineageProductNode, "kind" | "hidden" | "domain" | "team"> & { domain_slug: string; domain_name: string; team_id: string; team_name: string })[] | null;
  edges: { id: string; kind: EdgeKind; source: string; target: string; source_port: string | null; target_port: string | null; label: string; job_namespace: string | null; job_name: string | null; run_state: string | null; event_time: string | null }[] | null;
  counts: { node: string; dir: Direction; visible: number; hidden: number; restricted: number }[] | null;
  teams: { port: string; product: string; team_id: string; team_name: string; domain_slug: string; domain_name: string }[] | null;
  page_upstream: string[] | null;
  page_downstream: string[] | null;
};

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/**
 * The lineage neighbourhood of one product in one SQL statement: a breadth-first walk `up` hops upstream and `down`
 * hops downstream (each level keeps the set of products seen, so cycles end), following input ports and OpenLineage
 * jobs into products the viewer may see, at most `limit` neighbours per node and direction. Products the viewer may
 * not see are never walked into nor named: they come back as counts beside the node they touch.
 */
export async function getLineageGraph(actor: Actor, input: LineageGraphQueryInput | Record<string, string | string[]>) {
  const query = parseInput(LineageGraphQuery, input, "Lineage query");
  const focus = await findProductOrThrow(actor, query.focus);
  const [row] = await queryPrepared<Row>(lineageGraphSql(actor, query, focus.id));
  const graph = shapeGraph(focus.urn, query, row);
  const quality = await getQualitySummaries(graph.nodes.flatMap((n) => (n.kind === "product" ? [n.id] : [])));
  for (const node of graph.nodes) if (node.kind === "product") node.quality = quality.get(node.id) ?? null;
  return graph;
}

/** The one statement behind getLineageGraph (exported for the benchmark's EXPLAIN). */
export function lineageGraphSql(actor: Actor, query: ParsedQuery, focusId: string): Prisma.Sql {
  const focus = { id: focusId };
  const visible = visibleProductSql(actor, "p");
  const follow = { ports: query.kinds.has("input_port"), jobs: query.kinds.has("openlineage_job") };
  const after = query.cursor?.a ?? NIL_UUID;

  // A product's neighbours in one direction, as rows (nb), for the walk.
  const neighbours = (x: Prisma.Sql, dir: Direction) => {
    const parts: Prisma.Sql[] = [];
    if (follow.ports)
      parts.push(
        dir === "upstream"
          ? Prisma.sql`SELECT o.data_product_id AS nb FROM port i JOIN port o ON o.id = i.upstream_port_id WHERE i.data_product_id = ${x}`
          : Prisma.sql`SELECT i.data_product_id AS nb FROM port o JOIN port i ON i.upstream_port_id = o.id WHERE o.data_product_id = ${x}`,
      );
    if (follow.jobs)
      parts.push(Prisma.sql`SELECT far.data_product_id AS nb FROM port near
        JOIN lineage_dataset dn ON dn.port_id = near.id
        JOIN lineage_job_dataset jn ON jn.dataset_id = dn.id AND jn.direction = ${Prisma.raw(dir === "upstream" ? "'output'" : "'input'")}
        JOIN lineage_job_dataset jf ON jf.job_id = jn.job_id AND jf.direction = ${Prisma.raw(dir === "upstream" ? "'input'" : "'output'")}
        JOIN lineage_dataset df ON df.id = jf.dataset_id
        JOIN port far ON far.id = df.port_id
        WHERE near.data_product_id = ${x}`);
    return parts.length ? Prisma.join(parts, " UNION ALL ") : Prisma.sql`SELECT NULL::uuid AS nb WHERE FALSE`;
  };

  const walk = (name: string, dir: Direction, hops: number) => Prisma.sql`
    ${Prisma.raw(name)}(depth, frontier, seen) AS (
      SELECT 0, ARRAY[${focus.id}::uuid], ARRAY[${focus.id}::uuid]
      UNION ALL
      SELECT w.depth + 1, n.next, w.seen || n.next
      FROM ${Prisma.raw(name)} w
      CROSS JOIN LATERAL (
        SELECT array_agg(x.nb) AS next FROM (
          SELECT e.nb FROM unnest(w.frontier) AS f(id)
          CROSS JOIN LATERAL (
            SELECT DISTINCT n.nb FROM (${neighbours(Prisma.sql`f.id`, dir)}) n JOIN data_product p ON p.id = n.nb
            WHERE n.nb <> f.id AND ${visible} AND (w.depth > 0 OR n.nb > ${after}::uuid)
            ORDER BY n.nb LIMIT ${query.limit}
          ) e
          EXCEPT SELECT unnest(w.seen)
        ) x
      ) n
      WHERE w.depth < ${hops} AND n.next IS NOT NULL AND cardinality(w.seen) < ${query.maxNodes}
    )`;

  // Every neighbour pair of the graph's products, with the edge it comes from (counts and edges alike); LATERAL keeps
  // each lookup on an index, as the planner cannot know how few products r holds.
  const pairs = (dir: Direction) => {
    const parts: Prisma.Sql[] = [];
    if (follow.ports)
      parts.push(
        dir === "upstream"
          ? Prisma.sql`SELECT 'input_port' AS kind, i.data_product_id AS node, o.data_product_id AS nb, o.id AS source_port, i.id AS target_port, o.name AS label, NULL::uuid AS job_id
              FROM port i JOIN port o ON o.id = i.upstream_port_id WHERE i.data_product_id = r.id`
          : Prisma.sql`SELECT 'input_port' AS kind, o.data_product_id AS node, i.data_product_id AS nb, o.id AS source_port, i.id AS target_port, o.name AS label, NULL::uuid AS job_id
              FROM port o JOIN port i ON i.upstream_port_id = o.id WHERE o.data_product_id = r.id`,
      );
    if (follow.jobs)
      parts.push(Prisma.sql`SELECT 'openlineage_job' AS kind, near.data_product_id AS node, far.data_product_id AS nb,
          ${dir === "upstream" ? Prisma.sql`far.id AS source_port, near.id AS target_port` : Prisma.sql`near.id AS source_port, far.id AS target_port`}, j.name AS label, j.id AS job_id
        FROM port near
        JOIN lineage_dataset dn ON dn.port_id = near.id
        JOIN lineage_job_dataset jn ON jn.dataset_id = dn.id AND jn.direction = ${Prisma.raw(dir === "upstream" ? "'output'" : "'input'")}
        JOIN lineage_job_dataset jf ON jf.job_id = jn.job_id AND jf.direction = ${Prisma.raw(dir === "upstream" ? "'input'" : "'output'")}
        JOIN lineage_dataset df ON df.id = jf.dataset_id
        JOIN port far ON far.id = df.port_id
        JOIN lineage_job j ON j.id = jn.job_id
        WHERE near.data_product_id = r.id`);
    if (!parts.length) return Prisma.sql`SELECT NULL::text AS kind, NULL::uuid AS node, NULL::uuid AS nb, NULL::uuid AS source_port, NULL::uuid AS target_port, NULL::text AS label, NULL::uuid AS job_id WHERE FALSE`;
    return Prisma.sql`SELECT x.* FROM r CROSS JOIN LATERAL (${Prisma.join(parts, " UNION ALL ")}) x`;
  };

  // The focus's visible neighbours after the cursor, one more than a page: the page's last one is the next cursor.
  const focusPage = (dir: Direction, hops: number) =>
    hops === 0
      ? Prisma.sql`NULL::uuid[]`
      : Prisma.sql`(SELECT (array_agg(nb ORDER BY nb))[1:${query.limit + 1}] FROM nbr JOIN data_product p ON p.id = nbr.nb
          WHERE nbr.node = ${focus.id}::uuid AND nbr.dir = ${dir} AND ${visible} AND nbr.nb > ${after}::uuid)`;

  const sql = Prisma.sql`
    WITH RECURSIVE
    ${walk("walk_up", "upstream", query.up)},
    ${walk("walk_down", "downstream", query.down)},
    r AS MATERIALIZED (
      SELECT DISTINCT ON (id) id, d AS depth FROM (
        SELECT unnest(frontier) AS id, -depth AS d FROM walk_up
        UNION ALL SELECT unnest(frontier), depth FROM walk_down
      ) levels ORDER BY id, abs(d)
    ),
    up_pairs AS MATERIALIZED (SELECT * FROM (${pairs("upstream")}) u WHERE u.nb <> u.node),
    down_pairs AS MATERIALIZED (SELECT * FROM (${pairs("downstream")}) d WHERE d.nb <> d.node),
    nbr AS MATERIALIZED (
      SELECT DISTINCT 'upstream' AS dir, node, nb FROM up_pairs
      UNION SELECT 'downstream', node, nb FROM down_pairs
    )
    SELECT
      (SELECT json_agg(json_build_object(
          'id', p.id, 'urn', p.urn, 'slug', p.slug, 'name', p.name, 'status', p.status, 'depth', r.depth,
          'domain_slug', d.slug, 'domain_name', d.name, 'team_id', t.id, 'team_name', t.name,
          'ports', (SELECT coalesce(json_agg(json_build_object('id', pt.id, 'name', pt.name, 'type', pt.type, 'direction', pt.direction, 'sourcePortId', pt.source_port_id)
                      ORDER BY pt.direction DESC, pt.created_at, pt.name), '[]'::json) FROM port pt WHERE pt.data_product_id = p.id)
        ) ORDER BY r.depth, p.name, p.id)
        FROM r JOIN data_product p ON p.id = r.id JOIN domain d ON d.id = p.domain_id JOIN team t ON t.id = p.team_id) AS nodes,
      (SELECT json_agg(json_build_object(
          'id', CASE WHEN e.kind = 'input_port' THEN e.target_port::text ELSE 'job:' || e.job_id || ':' || e.source_port || ':' || e.target_port END,
          'kind', e.kind, 'source', e.nb, 'target', e.node, 'source_port', e.source_port, 'target_port', e.target_port, 'label', e.label,
          'job_namespace', j.namespace, 'job_name', j.name, 'run_state', j.last_run_state, 'event_time', j.last_event_time
        ) ORDER BY e.kind, e.target_port, e.source_port)
        FROM up_pairs e JOIN r ON r.id = e.nb LEFT JOIN lineage_job j ON j.id = e.job_id) AS edges,
      (SELECT json_agg(c) FROM (
        SELECT n.node, n.dir, count(*) FILTER (WHERE n.visible)::int AS visible, count(*) FILTER (WHERE n.visible AND r.id IS NULL)::int AS hidden, count(*) FILTER (WHERE NOT n.visible)::int AS restricted
        FROM (SELECT nbr.node, nbr.dir, nbr.nb, ${visible} AS visible FROM nbr JOIN data_product p ON p.id = nbr.nb) n
        LEFT JOIN r ON r.id = n.nb GROUP BY n.node, n.dir
      ) c) AS counts,
      ${query.kinds.has("subscription")
        ? Prisma.sql`(SELECT json_agg(json_build_object('port', s.port_id, 'product', pt.data_product_id, 'team_id', t.id, 'team_name', t.name, 'domain_slug', d.slug, 'domain_name', d.name) ORDER BY t.name, t.id, s.port_id)
            FROM r CROSS JOIN LATERAL (SELECT pt.id, pt.data_product_id FROM port pt WHERE pt.data_product_id = r.id OFFSET 0) pt
            CROSS JOIN LATERAL (SELECT s.port_id, s.consumer_team_id FROM subscription s WHERE s.port_id = pt.id AND s.state IN ('provisioning', 'active') OFFSET 0) s
            JOIN team t ON t.id = s.consumer_team_id JOIN domain d ON d.id = t.domain_id)`
        : Prisma.sql`NULL::json`} AS teams,
      ${focusPage("upstream", query.up)} AS page_upstream,
      ${focusPage("downstream", query.down)} AS page_downstream`;
  return sql;
}

function shapeGraph(focusUrn: string, { kinds, maxNodes, limit }: { kinds: Set<EdgeKind>; maxNodes: number; limit: number }, row: Row) {
  const counts = new Map((row.counts ?? []).map((c) => [`${c.node}:${c.dir}`, c]));
  const products: LineageProductNode[] = (row.nodes ?? []).map(({ domain_slug, domain_name, team_id, team_name, ...n }) => ({
    kind: "product",
    ...n,
    domain: { slug: domain_slug, name: domain_name },
    team: { id: team_id, name: team_name },
    hidden: { upstream: counts.get(`${n.id}:upstream`)?.hidden ?? 0, downstream: counts.get(`${n.id}:downstream`)?.hidden ?? 0 },
    neighbours: { upstream: counts.get(`${n.id}:upstream`)?.visible ?? 0, downstream: counts.get(`${n.id}:downstream`)?.visible ?? 0 },
  }));
  const edges: LineageEdge[] = (row.edges ?? []).map((e) => ({
    id: e.id,
    kind: e.kind,
    source: e.source,
    target: e.target,
    sourcePort: e.source_port,
    targetPort: e.target_port,
    label: e.label,
    ...(e.kind === "openlineage_job" ? { job: { namespace: e.job_namespace!, name: e.job_name!, lastRunState: e.run_state, lastEventTime: e.event_time } } : {}),
  }));
  const hiddenNodes: LineageHiddenNode[] = [];
  for (const c of row.counts ?? []) {
    if (c.restricted === 0) continue;
    const id = `hidden:${c.node}:${c.dir}`;
    hiddenNodes.push({ kind: "hidden", id, count: c.restricted, of: c.node, direction: c.dir });
    edges.push({ id: `${id}:edge`, kind: "input_port", source: c.dir === "upstream" ? id : c.node, target: c.dir === "upstream" ? c.node : id, sourcePort: null, targetPort: null, label: "" });
  }
  if (kinds.has("materialization")) {
    for (const p of products)
      for (const port of p.ports)
        if (port.sourcePortId) edges.push({ id: `mat:${port.id}`, kind: "materialization", source: p.id, target: p.id, sourcePort: port.sourcePortId, targetPort: port.id, label: "materialized" });
  }
  const teams = new Map<string, LineageTeamNode>();
  for (const s of row.teams ?? []) {
    const id = `team:${s.team_id}`;
    if (!teams.has(id)) teams.set(id, { kind: "team", id, teamId: s.team_id, name: s.team_name, domain: { slug: s.domain_slug, name: s.domain_name } });
    edges.push({ id: `sub:${s.port}:${s.team_id}`, kind: "subscription", source: s.product, target: id, sourcePort: s.port, targetPort: null, label: "subscribes" });
  }
  const nodes: LineageNode[] = [...products, ...teams.values(), ...hiddenNodes];
  const next = (d: "upstream" | "downstream", page: string[] | null) => (page && page.length > limit ? encodeCursor({ d, a: page[limit - 1] }) : null);
  return {
    focus: focusUrn,
    nodes,
    edges,
    /** More neighbours of the focus than one page: pass as `cursor` to get the next page in that direction. */
    cursors: { upstream: next("upstream", row.page_upstream), downstream: next("downstream", row.page_downstream) },
    /** The walk stopped adding levels at `maxNodes` products. */
    truncated: products.length >= maxNodes,
  };
}

export type LineageGraph = Awaited<ReturnType<typeof getLineageGraph>>;
