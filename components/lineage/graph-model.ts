import { EDGE_KINDS, type EdgeKind } from "@/lib/lineage/edge-kinds";
import type { GraphEdge, GraphNode, GraphProduct, LineageGraphResponse } from "./lineage-types";

// The graph the browser holds: answers of GET /api/v1/lineage merged as the viewer expands it. Pure functions, no React.

export type GraphState = { focusId: string; nodes: Map<string, GraphNode>; edges: Map<string, GraphEdge> };
export type Direction = "upstream" | "downstream";
export type Filters = { domain: string; status: string; kinds: Set<EdgeKind> };

/** The filters a graph opens with: every domain, status and edge kind. */
export const noFilters = (): Filters => ({ domain: "", status: "", kinds: new Set(EDGE_KINDS) });

const LINEAGE_KINDS = new Set<EdgeKind>(["input_port", "openlineage_job"]);

export function fromResponse(response: LineageGraphResponse): GraphState {
  const focus = response.nodes.find((n) => n.kind === "product" && n.urn === response.focus);
  return merge({ focusId: focus?.id ?? "", nodes: new Map(), edges: new Map() }, response);
}

/** Adds an answer to the graph; a node already held keeps its place (its depth from the original focus). */
export function merge(state: GraphState, response: LineageGraphResponse): GraphState {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  const anchor = response.nodes.find((n) => n.kind === "product" && n.urn === response.focus) as GraphProduct | undefined;
  const anchorDepth = anchor && nodes.has(anchor.id) ? (nodes.get(anchor.id) as GraphProduct).depth : 0;
  for (const n of response.nodes) {
    const held = nodes.get(n.id);
    if (n.kind === "product") nodes.set(n.id, held?.kind === "product" ? { ...n, depth: held.depth } : { ...n, depth: anchorDepth + n.depth });
    else nodes.set(n.id, n);
  }
  for (const e of response.edges) edges.set(e.id, e);
  // A hidden-products node stands for products the viewer may not see; once the same products are counted again it is replaced, not added.
  return { focusId: state.focusId, nodes, edges };
}

/** For every product the graph holds, the products beside it in each direction that the graph holds, over lineage edges: one pass over the edges. */
export function heldNeighbours(state: GraphState): Map<string, Record<Direction, Set<string>>> {
  const index = new Map<string, Record<Direction, Set<string>>>();
  const of = (id: string) => index.get(id) ?? index.set(id, { upstream: new Set(), downstream: new Set() }).get(id)!;
  for (const e of state.edges.values()) {
    if (!LINEAGE_KINDS.has(e.kind) || e.source === e.target) continue;
    if (state.nodes.get(e.source)?.kind !== "product" || state.nodes.get(e.target)?.kind !== "product") continue;
    of(e.source).downstream.add(e.target);
    of(e.target).upstream.add(e.source);
  }
  return index;
}

/** Neighbours the viewer may see that the graph does not hold yet: what a click on "+N" would add. */
export function hiddenCount(held: Map<string, Record<Direction, Set<string>>>, node: GraphProduct, direction: Direction): number {
  return Math.max(0, node.neighbours[direction] - (held.get(node.id)?.[direction].size ?? 0));
}

/** What the filters leave visible: the focus always, products of the chosen domain and status, edges of the chosen kinds between visible nodes. */
export function visibleGraph(state: GraphState, filters: Filters): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const shown = new Set<string>();
  for (const n of state.nodes.values()) {
    if (n.kind !== "product") continue;
    if (n.id === state.focusId || ((!filters.domain || n.domain.slug === filters.domain) && (!filters.status || n.status === filters.status))) shown.add(n.id);
  }
  const edges: GraphEdge[] = [];
  for (const e of state.edges.values()) {
    if (!filters.kinds.has(e.kind) || e.kind === "materialization") continue;
    const source = state.nodes.get(e.source);
    const target = state.nodes.get(e.target);
    if (!source || !target) continue;
    const ok = (n: GraphNode) => (n.kind === "product" ? shown.has(n.id) : n.kind === "hidden" ? shown.has(n.of) : true);
    if (!ok(source) || !ok(target)) continue;
    edges.push(e);
    shown.add(e.source).add(e.target);
  }
  return { nodes: [...state.nodes.values()].filter((n) => shown.has(n.id)), edges };
}

/** The shortest path between two nodes, following edges downstream first, then upstream, then either way. */
export function shortestPath(edges: GraphEdge[], from: string, to: string): { nodes: Set<string>; edges: Set<string> } | null {
  const attempt = (forward: boolean, backward: boolean) => {
    const next = new Map<string, { node: string; edge: string }[]>();
    const add = (a: string, b: string, edge: string) => next.set(a, [...(next.get(a) ?? []), { node: b, edge }]);
    for (const e of edges) {
      if (forward) add(e.source, e.target, e.id);
      if (backward) add(e.target, e.source, e.id);
    }
    const via = new Map<string, { node: string; edge: string } | null>([[from, null]]);
    const queue = [from];
    while (queue.length) {
      const at = queue.shift()!;
      if (at === to) break;
      for (const step of next.get(at) ?? []) {
        if (via.has(step.node)) continue;
        via.set(step.node, { node: at, edge: step.edge });
        queue.push(step.node);
      }
    }
    if (!via.has(to)) return null;
    const path = { nodes: new Set<string>([to]), edges: new Set<string>() };
    for (let step = via.get(to); step; step = via.get(step.node)) {
      path.nodes.add(step.node);
      path.edges.add(step.edge);
    }
    return path;
  };
  return attempt(true, false) ?? attempt(false, true) ?? attempt(true, true);
}

/** The next node to move to with an arrow key: right/left follow edges downstream/upstream, up/down step through the node's column. */
export function nodeInDirection(nodes: { id: string; x: number; y: number }[], edges: GraphEdge[], from: string, key: "ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown"): string | null {
  const at = nodes.find((n) => n.id === from);
  if (!at) return null;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const closest = (candidates: { id: string; x: number; y: number }[]) => candidates.sort((a, b) => Math.abs(a.y - at.y) - Math.abs(b.y - at.y) || a.x - b.x)[0]?.id ?? null;
  if (key === "ArrowRight" || key === "ArrowLeft") {
    const ids = edges.filter((e) => (key === "ArrowRight" ? e.source === from : e.target === from)).map((e) => (key === "ArrowRight" ? e.target : e.source));
    return closest(ids.filter((id) => id !== from).map((id) => byId.get(id)).filter((n): n is { id: string; x: number; y: number } => !!n));
  }
  const column = nodes.filter((n) => n.id !== from && Math.abs(n.x - at.x) < 40 && (key === "ArrowDown" ? n.y > at.y : n.y < at.y));
  return column.sort((a, b) => (key === "ArrowDown" ? a.y - b.y : b.y - a.y))[0]?.id ?? null;
}

const PALETTE = ["#2563eb", "#16a34a", "#ea580c", "#9333ea", "#db2777", "#0891b2", "#ca8a04", "#dc2626", "#4338ca", "#0f766e", "#78716c", "#65a30d"];

/** A colour per domain of the graph, distinct while there are at most 12 domains: for the node's stripe, the legend and the mini-map. */
export function domainColours(state: GraphState): Map<string, string> {
  const slugs = [...new Set([...state.nodes.values()].flatMap((n) => (n.kind === "product" ? [n.domain.slug] : [])))].sort();
  return new Map(slugs.map((slug, i) => [slug, PALETTE[i % PALETTE.length]]));
}
