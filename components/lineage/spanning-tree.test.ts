import { describe, expect, it } from "vitest";
import { spanningTree } from "./spanning-tree";

const edge = (source: string, target: string) => ({ id: `${source}>${target}`, source, target });

describe("spanningTree", () => {
  it("keeps one edge per node reached from the focus, up and down, in the edges' own direction", () => {
    const edges = [edge("up", "focus"), edge("focus", "a"), edge("focus", "b"), edge("a", "c"), edge("b", "c"), edge("up", "b")];
    const tree = spanningTree(["up", "focus", "a", "b", "c"], edges, "focus");
    expect(tree.map((e) => e.id).sort()).toEqual(["a>c", "focus>a", "focus>b", "up>focus"]);
  });

  it("ends on cycles and spans every component, self-loops and edges to unknown nodes left out", () => {
    const edges = [edge("a", "b"), edge("b", "a"), edge("a", "a"), edge("x", "y"), edge("y", "gone")];
    const tree = spanningTree(["a", "b", "x", "y", "lonely"], edges, "a");
    expect(tree.map((e) => e.id).sort()).toEqual(["a>b", "x>y"]);
  });

  it("walks from the first node given when the focus is not shown", () => {
    const tree = spanningTree(["a", "b", "c"], [edge("a", "b"), edge("c", "b")], "filtered-out");
    expect(tree).toHaveLength(2);
  });
});
