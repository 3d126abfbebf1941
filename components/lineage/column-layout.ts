import type { Positions } from "./layout-plan";

export type ColumnNode = { id: string; width: number; height: number; /** Hops from the focus: upstream left, downstream right. */ column: number };

const NODE_GAP = 24;
const COLUMN_GAP = 72;

/**
 * A layered placement in linear time, for a graph too big for elk to lay out before the viewer wants to use it: one
 * column per hop from the focus, each column ordered by the mean place of its neighbours in the columns to its left
 * (one barycentre sweep), and centred on the focus's row. Elk's layout replaces it once the worker is done.
 */
export function columnLayout(nodes: ColumnNode[], edges: { source: string; target: string }[]): Positions {
  const columns = new Map<number, ColumnNode[]>();
  for (const n of nodes) columns.set(n.column, [...(columns.get(n.column) ?? []), n]);
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const order = new Map<string, number>();
  const positions: Positions = new Map();
  const keys = [...columns.keys()].sort((a, b) => a - b);
  const width = Math.max(...nodes.map((n) => n.width)) + COLUMN_GAP;
  keys.forEach((key, index) => {
    const column = columns.get(key)!;
    const placeOf = (n: ColumnNode, i: number) => {
      const placed = (neighbours.get(n.id) ?? []).flatMap((id) => (order.has(id) ? [order.get(id)!] : []));
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : i;
    };
    const sorted = column.map((n, i) => ({ n, at: placeOf(n, i) })).sort((a, b) => a.at - b.at).map(({ n }) => n);
    const total = sorted.reduce((sum, n) => sum + n.height + NODE_GAP, -NODE_GAP);
    let y = -total / 2;
    sorted.forEach((n, i) => {
      order.set(n.id, i - sorted.length / 2);
      positions.set(n.id, { x: index * width, y });
      y += n.height + NODE_GAP;
    });
  });
  return positions;
}
