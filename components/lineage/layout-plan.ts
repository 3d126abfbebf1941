import type { ElkNode } from "elkjs/lib/elk-api.js";
import { columnLayout } from "./column-layout";
import type { GraphState } from "./graph-model";
import type { GraphEdge, GraphNode } from "./lineage-types";
import { HIDDEN_SIZE, PRODUCT_WIDTH, productHeight, TEAM_SIZE } from "./node-sizes";
import { spanningTree } from "./spanning-tree";

export type Positions = Map<string, { x: number; y: number }>;

/** Above this many nodes elk's full layered layout takes seconds to minutes: it lays out the spanning tree, with its cheapest phases. */
export const LARGE_GRAPH = 300;

export type LayoutPlan = {
  /** What is laid out (the nodes and edges shown, and which nodes show their ports): a layout is for this key only. */
  key: string;
  /** A big graph's placement in columns by hop, shown until elk's layout is there; null for a small graph. */
  preview: Positions | null;
  /** Elk's input. */
  elk: ElkNode;
};

const FULL = { "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES", "elk.layered.thoroughness": "7" };
// Elk's positions only (React Flow draws the edges): no crossing minimisation or greedy switch, layers by longest
// path, simple node placement and polyline routing. With the spanning tree, ~1,600 nodes take a third of a second.
const CHEAP = {
  "elk.layered.thoroughness": "1",
  "elk.layered.layering.strategy": "LONGEST_PATH",
  "elk.layered.crossingMinimization.strategy": "NONE",
  "elk.layered.greedySwitch.type": "OFF",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.edgeRouting": "POLYLINE",
  "elk.separateConnectedComponents": "false",
};

/** Elk's options: left to right in layers, the cheapest phases for a large graph. */
export const elkOptions = (large: boolean): Record<string, string> => ({
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.spacing.nodeNode": "24",
  "elk.layered.spacing.nodeNodeBetweenLayers": "72",
  "elk.separateConnectedComponents": "true",
  ...(large ? CHEAP : FULL),
});

/**
 * How to lay out what the graph shows: the same plan in the browser (elk in a web worker) and on the server (the first
 * layout, sent with the page), so a layout made on one side fits the other. Pure.
 */
export function layoutPlan(graph: GraphState, visible: { nodes: GraphNode[]; edges: GraphEdge[] }, expanded: ReadonlySet<string>): LayoutPlan {
  const key = `${visible.nodes.map((n) => n.id).join()}|${visible.edges.map((e) => e.id).join()}|${[...expanded].join()}`;
  const sizes = visible.nodes.map((n) => ({ id: n.id, ...(n.kind === "product" ? { width: PRODUCT_WIDTH, height: productHeight(n, expanded.has(n.id)) } : n.kind === "team" ? TEAM_SIZE : HIDDEN_SIZE) }));
  const large = sizes.length > LARGE_GRAPH;
  const preview = large ? previewInColumns(graph, visible, sizes) : null;
  // In the columns' order: elk's cheap configuration keeps the order it is given within a layer.
  const ordered = preview ? [...sizes].sort((m, n) => preview.get(m.id)!.x - preview.get(n.id)!.x || preview.get(m.id)!.y - preview.get(n.id)!.y) : sizes;
  const edges = large ? spanningTree(ordered.map((n) => n.id), visible.edges, graph.focusId) : visible.edges;
  // One elk edge per pair of nodes: several ports between the same two products lay out as one.
  const ids = new Set(sizes.map((n) => n.id));
  const pairs = new Map<string, { id: string; sources: string[]; targets: string[] }>();
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) pairs.set(`${e.source}>${e.target}`, { id: e.id, sources: [e.source], targets: [e.target] });
  const elk: ElkNode = {
    id: "root",
    layoutOptions: elkOptions(large),
    children: ordered.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: [...pairs.values()],
  };
  return { key, preview, elk };
}

/** Elk's answer as positions by node id. */
export const positionsOf = (result: ElkNode): Positions => new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));

// A big graph is usable at once in columns by hop; elk's layout replaces it.
function previewInColumns(graph: GraphState, visible: { nodes: GraphNode[]; edges: GraphEdge[] }, sizes: { id: string; width: number; height: number }[]): Positions {
  const depthOf = (id: string) => {
    const n = graph.nodes.get(id);
    return n?.kind === "product" ? n.depth : 0;
  };
  const right = Math.max(0, ...sizes.map((s) => depthOf(s.id))) + 1;
  const column = (n: GraphNode) => (n.kind === "product" ? n.depth : n.kind === "hidden" ? depthOf(n.of) + (n.direction === "upstream" ? -1 : 1) : right);
  const byId = new Map(visible.nodes.map((n) => [n.id, n]));
  return columnLayout(sizes.map((s) => ({ ...s, column: column(byId.get(s.id)!) })), visible.edges);
}
