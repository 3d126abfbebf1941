import { describe, expect, it } from "vitest";
import { fromResponse, noFilters, visibleGraph } from "@/components/lineage/graph-model";
import { layoutPlan } from "@/components/lineage/layout-plan";
import type { LineageGraphResponse } from "@/components/lineage/lineage-types";
import { initialLayout } from "./initial-layout";

// A mesh in layers: `width` products per hop from two hops up to `down` hops down, each reading two products of the
// hop before it; the focus is the first product of hop 0.
function layeredMesh(width: number, down: number): LineageGraphResponse {
  const id = (hop: number, i: number) => `p${hop}_${i}`;
  const nodes = [];
  const edges = [];
  for (let hop = -2; hop <= down; hop++) {
    for (let i = 0; i < (hop === 0 ? 1 : width); i++) {
      nodes.push({ kind: "product", id: id(hop, i), urn: `urn:meshwork:d:${id(hop, i)}`, slug: id(hop, i), name: id(hop, i), status: "published", depth: hop, ports: [], domain: { slug: "d", name: "D" }, team: { id: "t", name: "T" }, hidden: { upstream: 0, downstream: 0 }, neighbours: { upstream: 2, downstream: 2 }, quality: null });
      if (hop > -2) for (const j of [i, i + 1]) edges.push({ id: `${id(hop - 1, j % (hop - 1 === 0 ? 1 : width))}>${id(hop, i)}`, kind: "input_port", source: id(hop - 1, j % (hop - 1 === 0 ? 1 : width)), target: id(hop, i), sourcePort: null, targetPort: null, label: "" });
    }
  }
  const unique = [...new Map(edges.map((e) => [e.id, e])).values()];
  return { focus: "urn:meshwork:d:p0_0", nodes, edges: unique, cursors: { upstream: null, downstream: null }, truncated: false } as unknown as LineageGraphResponse;
}

const planKey = (graph: LineageGraphResponse) => {
  const state = fromResponse(graph);
  return layoutPlan(state, visibleGraph(state, noFilters()), new Set()).key;
};

describe("initialLayout (elk on the server, for the page to open laid out)", () => {
  it("leaves the layout to the browser when the server cannot make it in time", async () => {
    expect(await initialLayout(layeredMesh(300, 3), { waitMs: 1 })).toBeNull();
  });

  it("places every node of a small graph, upstream to the left of the focus and downstream to the right, for the key the browser computes", async () => {
    const graph = layeredMesh(3, 2);
    const layout = (await initialLayout(graph, { waitMs: 60_000 }))!;
    expect(layout.key).toBe(planKey(graph));
    const at = new Map(layout.positions.map(([id, x, y]) => [id, { x, y }]));
    expect(at.size).toBe(graph.nodes.length);
    expect(at.get("p-1_0")!.x).toBeLessThan(at.get("p0_0")!.x);
    expect(at.get("p0_0")!.x).toBeLessThan(at.get("p1_0")!.x);
    expect(at.get("p1_0")!.x).toBeLessThan(at.get("p2_0")!.x);
  });

  it("lays out a graph of a thousand products (its spanning tree) without two nodes on the same spot", async () => {
    const graph = layeredMesh(200, 3);
    expect(graph.nodes.length).toBeGreaterThan(800);
    const layout = (await initialLayout(graph, { waitMs: 60_000 }))!;
    expect(layout.positions).toHaveLength(graph.nodes.length);
    const spots = new Set(layout.positions.map(([, x, y]) => `${Math.round(x)},${Math.round(y)}`));
    expect(spots.size).toBe(graph.nodes.length);
    const at = new Map(layout.positions.map(([id, x, y]) => [id, { x, y }]));
    expect(at.get("p-2_5")!.x).toBeLessThan(at.get("p3_5")!.x);
  });
});
