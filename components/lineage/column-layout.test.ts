import { describe, expect, it } from "vitest";
import { columnLayout } from "./column-layout";
import { heldNeighbours, hiddenCount, type GraphState } from "./graph-model";
import type { GraphNode, GraphProduct } from "./lineage-types";

const box = (id: string, column: number) => ({ id, width: 248, height: 96, column });

describe("columnLayout", () => {
  it("puts each hop in its own column, left to right, without overlaps", () => {
    const nodes = [box("up", -1), box("focus", 0), box("a", 1), box("b", 1), box("c", 1)];
    const positions = columnLayout(nodes, [{ source: "up", target: "focus" }, { source: "focus", target: "a" }]);
    expect(positions.get("up")!.x).toBeLessThan(positions.get("focus")!.x);
    expect(positions.get("focus")!.x).toBeLessThan(positions.get("a")!.x);
    const column = ["a", "b", "c"].map((id) => positions.get(id)!);
    expect(new Set(column.map((p) => p.x)).size).toBe(1);
    const ys = column.map((p) => p.y).sort((m, n) => m - n);
    expect(ys[1] - ys[0]).toBeGreaterThanOrEqual(96);
    expect(ys[2] - ys[1]).toBeGreaterThanOrEqual(96);
  });

  it("orders a column by where its neighbours on the left are, so edges do not cross needlessly", () => {
    const nodes = [box("top", 0), box("bottom", 0), box("readsBottom", 1), box("readsTop", 1)];
    const positions = columnLayout(nodes, [{ source: "top", target: "readsTop" }, { source: "bottom", target: "readsBottom" }]);
    expect(positions.get("top")!.y).toBeLessThan(positions.get("bottom")!.y);
    expect(positions.get("readsTop")!.y).toBeLessThan(positions.get("readsBottom")!.y);
  });
});

describe("hiddenCount", () => {
  const product = (id: string, upstream: number, downstream: number) => ({ kind: "product", id, neighbours: { upstream, downstream } }) as unknown as GraphProduct;
  it("counts the visible neighbours the graph does not hold yet, once per product however many ports link them", () => {
    const nodes = new Map<string, GraphNode>([["a", product("a", 0, 3)], ["b", product("b", 1, 0)], ["c", product("c", 1, 0)]]);
    const edge = (id: string, source: string, target: string) => [id, { id, kind: "input_port", source, target, sourcePort: null, targetPort: null, label: "" }] as const;
    const state: GraphState = { focusId: "a", nodes, edges: new Map([edge("1", "a", "b"), edge("2", "a", "b"), edge("3", "a", "c")]) };
    const held = heldNeighbours(state);
    expect(hiddenCount(held, nodes.get("a") as GraphProduct, "downstream")).toBe(1);
    expect(hiddenCount(held, nodes.get("b") as GraphProduct, "upstream")).toBe(0);
  });
});
