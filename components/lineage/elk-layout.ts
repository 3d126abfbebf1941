import ElkConstructor, { type ELK } from "elkjs/lib/elk-api.js";

export type LayoutInput = { nodes: { id: string; width: number; height: number }[]; edges: { id: string; source: string; target: string }[] };
export type Positions = Map<string, { x: number; y: number }>;

let elk: ELK | undefined;

// One worker for the page, created on first use: elk's layered layout of a large graph takes long enough to freeze the page.
function layoutEngine(): ELK {
  elk ??= new ElkConstructor({ workerFactory: () => new Worker(new URL("./elk-worker.ts", import.meta.url), { name: "elk-layout" }) });
  return elk;
}

/** Above this many nodes elk's full layered layout takes seconds to minutes: it runs with its cheapest phases. */
export const LARGE_GRAPH = 300;

const FULL = { "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES", "elk.layered.thoroughness": "7" };
// Elk's positions only (React Flow draws the edges): no crossing minimisation or greedy switch, layers by longest
// path, simple node placement and polyline routing. For ~1,600 nodes this is seconds instead of minutes.
const CHEAP = {
  "elk.layered.thoroughness": "1",
  "elk.layered.layering.strategy": "LONGEST_PATH",
  "elk.layered.crossingMinimization.strategy": "NONE",
  "elk.layered.greedySwitch.type": "OFF",
  "elk.layered.nodePlacement.strategy": "SIMPLE",
  "elk.edgeRouting": "POLYLINE",
  "elk.separateConnectedComponents": "false",
};

/** Layered layout, left to right, computed in the web worker. */
export async function layoutGraph({ nodes, edges }: LayoutInput): Promise<Positions> {
  const ids = new Set(nodes.map((n) => n.id));
  // One elk edge per pair of nodes: several ports between the same two products lay out as one.
  const pairs = new Map<string, { id: string; sources: string[]; targets: string[] }>();
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) pairs.set(`${e.source}>${e.target}`, { id: e.id, sources: [e.source], targets: [e.target] });
  const result = await layoutEngine().layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "24",
      "elk.layered.spacing.nodeNodeBetweenLayers": "72",
      "elk.separateConnectedComponents": "true",
      ...(nodes.length > LARGE_GRAPH ? CHEAP : FULL),
    },
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: [...pairs.values()],
  });
  return new Map((result.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
