import { fromResponse, noFilters, visibleGraph } from "@/components/lineage/graph-model";
import { layoutPlan } from "@/components/lineage/layout-plan";
import type { InitialLayout, LineageGraphResponse } from "@/components/lineage/lineage-types";
import { layoutOnServer } from "./layout-thread";

/** How long a page waits for the server's layout before it leaves the layout to the browser. */
const WAIT_MS = 2_000;

/**
 * Elk's layout of a lineage graph as it opens (every node shown, no ports expanded), made on the server so the page
 * arrives laid out: the browser would first have to load elk and run it cold in its web worker, seconds for a big
 * graph. Null when the server could not make it in time: the browser lays it out then, as it does after every change.
 */
export async function initialLayout(graph: LineageGraphResponse, { waitMs = WAIT_MS } = {}): Promise<InitialLayout | null> {
  const state = fromResponse(graph);
  const plan = layoutPlan(state, visibleGraph(state, noFilters()), new Set());
  const positions = await layoutOnServer(plan.elk, waitMs);
  return positions && { key: plan.key, positions };
}
