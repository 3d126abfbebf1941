// Zod-free, so the graph's browser bundle can import it (zod probes eval, which the CSP forbids).

/** The kinds of edge the lineage graph draws; input ports and OpenLineage jobs are followed, the others are leaves. */
export const EDGE_KINDS = ["input_port", "openlineage_job", "materialization", "subscription"] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export const EDGE_KIND_LABELS: Record<EdgeKind, string> = {
  input_port: "Input ports",
  openlineage_job: "OpenLineage jobs",
  materialization: "Materialization",
  subscription: "Subscriptions",
};

export const MAX_DEPTH = 10;
