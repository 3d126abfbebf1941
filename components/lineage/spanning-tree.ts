export type TreeEdge = { id: string; source: string; target: string };

/**
 * The edges of a breadth-first spanning forest of the graph, walked from `root` (the focus) whichever way the edges
 * point, then from each node not yet reached, in the order given: every node keeps the one edge by which it was first
 * reached, in its own direction. Elk lays out a big graph's spanning forest in a fraction of the time the whole graph
 * takes (941 products and 3,132 edges: 0.3 s instead of 1.4–1.8 s in Node), and each node still sits one layer from
 * the neighbour that brought it in; React Flow draws every edge.
 */
export function spanningTree<E extends TreeEdge>(nodeIds: string[], edges: E[], root: string): E[] {
  const ids = new Set(nodeIds);
  const touching = new Map<string, { edge: E; other: string }[]>();
  const add = (at: string, edge: E, other: string) => {
    const list = touching.get(at);
    if (list) list.push({ edge, other });
    else touching.set(at, [{ edge, other }]);
  };
  for (const edge of edges) {
    if (edge.source === edge.target || !ids.has(edge.source) || !ids.has(edge.target)) continue;
    add(edge.source, edge, edge.target);
    add(edge.target, edge, edge.source);
  }
  const reached = new Set<string>();
  const tree: E[] = [];
  const walkFrom = (start: string) => {
    reached.add(start);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      for (const { edge, other } of touching.get(queue[head]) ?? []) {
        if (reached.has(other)) continue;
        reached.add(other);
        tree.push(edge);
        queue.push(other);
      }
    }
  };
  if (ids.has(root)) walkFrom(root);
  for (const id of nodeIds) if (!reached.has(id)) walkFrom(id);
  return tree;
}
