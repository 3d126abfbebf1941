import type { Jsonified } from "@/components/ui/jsonified";
import type { getLineageGraph, LineageEdge, LineageNode, LineageProductNode } from "@/lib/lineage/get-lineage-graph";

/** GET /api/v1/lineage as the browser receives it. */
export type LineageGraphResponse = Jsonified<Awaited<ReturnType<typeof getLineageGraph>>>;
export type GraphNode = Jsonified<LineageNode>;
export type GraphProduct = Jsonified<LineageProductNode>;
export type GraphEdge = Jsonified<LineageEdge>;
/** A layout made on the server for a plan's key (layout-plan.ts): each node's id and place. */
export type InitialLayout = { key: string; positions: [id: string, x: number, y: number][] };
