"use client";

import "@xyflow/react/dist/style.css";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node } from "@xyflow/react";
import { apiRequest, ApiError } from "@/components/ui/api-request";
import { EDGE_KINDS, EDGE_KIND_LABELS, type EdgeKind } from "@/lib/lineage/edge-kinds";
import { layoutInWorker } from "./elk-layout";
import { LARGE_GRAPH, layoutPlan, type Positions } from "./layout-plan";
import { domainColours, fromResponse, noFilters, heldNeighbours, hiddenCount, merge, nodeInDirection, shortestPath, visibleGraph, type Direction, type Filters, type GraphState } from "./graph-model";
import { NODE_TYPES, sideHandles, type ProductNodeData } from "./lineage-nodes";
import type { GraphEdge, GraphProduct, InitialLayout, LineageGraphResponse } from "./lineage-types";
import { HIDDEN_SIZE, PRODUCT_WIDTH, productHeight, TEAM_SIZE } from "./node-sizes";

export type LineageGraphProps = {
  /** The first answer of GET /api/v1/lineage, fetched by the page (its focus is the graph's focus). */
  initial: LineageGraphResponse;
  /** The hops `initial` was fetched with; the depth control starts there. */
  initialDepth: number;
  /** Elk's layout of `initial`, made on the server (lib/lineage/initial-layout.ts); without it the browser lays it out. */
  initialLayout?: InitialLayout | null;
  /** CSS height of the canvas. */
  height?: string;
  /** A quality/freshness badge per product id, where one is known. */
  badges?: Record<string, ReactNode>;
  /** Extra controls at the end of the toolbar (e.g. a switch to another view of the same graph). */
  toolbar?: ReactNode;
};

const DEPTHS = [1, 2, 3, 4, 5, 6];
const STATUSES = ["published", "draft", "deprecated", "retired"];
const EDGE_STYLE: Record<EdgeKind, { stroke: string; strokeDasharray?: string }> = {
  input_port: { stroke: "#64748b" },
  openlineage_job: { stroke: "#7c3aed", strokeDasharray: "6 3" },
  subscription: { stroke: "#059669", strokeDasharray: "2 3" },
  materialization: { stroke: "#64748b" },
};

const lineageUrl = (params: Record<string, string | number>) => `/api/v1/lineage?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;

/** The lineage graph: React Flow, laid out left to right by elk in a web worker, expandable, filterable, searchable, keyboard-navigable. */
export function LineageGraph(props: LineageGraphProps) {
  return (
    <ReactFlowProvider>
      <LineageCanvas {...props} />
    </ReactFlowProvider>
  );
}

function LineageCanvas({ initial, initialDepth, initialLayout, height = "32rem", badges, toolbar }: LineageGraphProps) {
  const router = useRouter();
  const flow = useReactFlow();
  const dark = useDarkTheme();
  const [depth, setDepth] = useState(initialDepth);
  const answer = useQuery({
    queryKey: ["lineage", initial.focus, depth],
    queryFn: () => apiRequest<LineageGraphResponse>(lineageUrl({ focus: initial.focus, depth })),
    initialData: depth === initialDepth ? initial : undefined,
  });
  // The graph held is the latest answer for the chosen depth plus what the viewer expanded since; a new answer starts it afresh.
  const [held, setHeld] = useState(() => ({ source: initial, graph: fromResponse(initial), cursors: new Map<string, string | null>(), ends: [] as string[] }));
  if (answer.data && answer.data !== held.source) setHeld({ source: answer.data, graph: fromResponse(answer.data), cursors: new Map(), ends: [] });
  const { graph, cursors, ends } = held;
  const setGraph = (update: (g: GraphState) => GraphState) => setHeld((h) => ({ ...h, graph: update(h.graph) }));
  const setCursors = (update: (c: Map<string, string | null>) => Map<string, string | null>) => setHeld((h) => ({ ...h, cursors: update(h.cursors) }));
  const setEnds = (update: string[] | ((e: string[]) => string[])) => setHeld((h) => ({ ...h, ends: typeof update === "function" ? update(h.ends) : update }));
  const [loading, setLoading] = useState<{ id: string; direction: Direction } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(new Set<string>());
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [search, setSearch] = useState("");
  const [layout, setLayout] = useState<{ key: string; positions: Positions }>(() => ({ key: initialLayout?.key ?? "", positions: new Map(initialLayout?.positions.map(([id, x, y]) => [id, { x, y }])) }));
  const matchIndex = useRef(0);
  const fittedFor = useRef<unknown>(null);
  const fittedWith = useRef("");

  const visible = useMemo(() => visibleGraph(graph, filters), [graph, filters]);
  const colours = useMemo(() => domainColours(graph), [graph]);
  const heldNext = useMemo(() => heldNeighbours(graph), [graph]);
  const colour = (slug: string) => colours.get(slug) ?? "#64748b";
  const domains = useMemo(() => {
    const all = new Map<string, string>();
    for (const n of graph.nodes.values()) if (n.kind === "product") all.set(n.domain.slug, n.domain.name);
    return [...all].sort((a, b) => a[1].localeCompare(b[1]));
  }, [graph]);

  // Layout in the worker whenever what is shown (or a node's size) changes, unless the page came with it.
  const plan = useMemo(() => layoutPlan(graph, visible, expanded), [graph, visible, expanded]);
  const layoutKey = plan.key;
  const preview = plan.preview;
  useEffect(() => {
    if (layout.key === plan.key) return;
    let cancelled = false;
    layoutInWorker(plan.elk)
      .then((laidOut) => {
        if (!cancelled) setLayout({ key: plan.key, positions: laidOut });
      })
      .catch((e: Error) => !cancelled && setError(`The layout failed: ${e.message}. Reload the page to try again.`));
    return () => {
      cancelled = true;
    };
    // A plan with the same key lays out the same: a new plan object alone is no reason to lay out again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan.key]);

  const layoutDone = layout.key === layoutKey;
  const positions = layoutDone || !preview ? layout.positions : preview;
  const path = useMemo(() => (ends.length === 2 ? shortestPath(visible.edges, ends[0], ends[1]) : null), [ends, visible.edges]);
  const term = search.trim().toLowerCase();
  const matches = useMemo(() => (term ? visible.nodes.filter((n) => n.kind !== "hidden" && n.name.toLowerCase().includes(term)).map((n) => n.id) : []), [term, visible.nodes]);

  const expand = useCallback(
    async (id: string, direction: Direction) => {
      const key = `${id}:${direction}`;
      const cursor = cursors.get(key);
      setLoading({ id, direction });
      setError(null);
      try {
        const response = await apiRequest<LineageGraphResponse>(lineageUrl({ focus: id, up: direction === "upstream" ? 1 : 0, down: direction === "downstream" ? 1 : 0, ...(cursor ? { cursor } : {}) }));
        setGraph((g) => merge(g, response));
        setCursors((c) => new Map(c).set(key, response.cursors[direction]));
      } catch (e) {
        setError(e instanceof ApiError ? `Could not load more ${direction} products: ${e.message}` : `Could not load more ${direction} products. Check your connection and try again.`);
      } finally {
        setLoading(null);
      }
    },
    [cursors],
  );
  const togglePorts = useCallback((id: string) => setExpanded((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id))), []);

  const emphasis = useCallback(
    (id: string) => (path ? (path.nodes.has(id) ? "path" : "dim") : term ? (matches.includes(id) ? "match" : "dim") : ends[0] === id ? "path" : null),
    [path, term, matches, ends],
  );

  const nodes: Node[] = useMemo(
    () =>
      visible.nodes.flatMap((n): Node[] => {
        const position = positions.get(n.id);
        if (!position) return [];
        if (n.kind === "product") {
          const hidden = { upstream: hiddenCount(heldNext, n, "upstream"), downstream: hiddenCount(heldNext, n, "downstream") };
          const data: ProductNodeData = {
            product: n,
            colour: colour(n.domain.slug),
            isFocus: n.id === graph.focusId,
            expanded: expanded.has(n.id),
            hidden,
            loading: loading?.id === n.id ? loading.direction : null,
            emphasis: emphasis(n.id) as ProductNodeData["emphasis"],
            showMaterialization: filters.kinds.has("materialization"),
            badge: badges?.[n.id],
            onExpand: expand,
            onTogglePorts: togglePorts,
          };
          const more = [hidden.upstream && `${hidden.upstream} more upstream`, hidden.downstream && `${hidden.downstream} more downstream`].filter(Boolean).join(", ");
          const size = { width: PRODUCT_WIDTH, height: productHeight(n, expanded.has(n.id)) };
          return [{ id: n.id, type: "product", position, data, ...size, ...(expanded.has(n.id) ? {} : { handles: sideHandles(size, { in: true, out: true }) }), ariaLabel: `${n.name}, ${n.domain.name}, ${n.status}${n.id === graph.focusId ? ", this product" : ""}${more ? `; ${more}` : ""}` }];
        }
        if (n.kind === "team") return [{ id: n.id, type: "team", position, data: { name: n.name, domain: n.domain.name, emphasis: emphasis(n.id) }, ...TEAM_SIZE, handles: sideHandles(TEAM_SIZE, { in: true, out: false }), ariaLabel: `Consumer team ${n.name}, ${n.domain.name}` }];
        return [{ id: n.id, type: "hidden", position, data: { count: n.count, emphasis: path ? emphasis(n.id) : term ? "dim" : null }, ...HIDDEN_SIZE, handles: sideHandles(HIDDEN_SIZE, { in: true, out: true }), ariaLabel: `${n.count} hidden ${n.count === 1 ? "product" : "products"}` }];
      }),
    // colour follows graph.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [visible.nodes, positions, graph, heldNext, expanded, loading, emphasis, filters.kinds, badges, expand, togglePorts, path, term],
  );

  // The same node object while nothing it shows changed, so React Flow re-renders only the nodes that did (a click
  // re-rendering a thousand nodes takes seconds).
  const [stable, setStable] = useState<{ from: Node[]; nodes: Node[] }>({ from: [], nodes: [] });
  if (stable.from !== nodes) {
    const before = new Map(stable.nodes.map((n) => [n.id, n]));
    setStable({ from: nodes, nodes: nodes.map((n) => (before.has(n.id) && sameNode(before.get(n.id)!, n) ? before.get(n.id)! : n)) });
  }
  // A big graph is drawn in the browser only, where it knows its viewport (only what is in view is drawn): rendered on
  // the server, every node would be sent, hydrated, then removed.
  const mounted = useSyncExternalStore(noSubscription, () => true, () => false);
  const stableNodes = nodes.length > LARGE_GRAPH && !mounted ? [] : stable.from === nodes ? stable.nodes : nodes;

  const edges: Edge[] = useMemo(
    () =>
      visible.edges.map((e: GraphEdge) => {
        const source = graph.nodes.get(e.source) as GraphProduct | undefined;
        const target = graph.nodes.get(e.target) as GraphProduct | undefined;
        const sourcePort = expanded.has(e.source) && e.sourcePort && source?.ports?.some((p) => p.id === e.sourcePort && p.direction === "output");
        const targetPort = expanded.has(e.target) && e.targetPort && target?.ports?.some((p) => p.id === e.targetPort && p.direction === "input");
        const onPath = path?.edges.has(e.id);
        const style = EDGE_STYLE[e.kind];
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          sourceHandle: sourcePort ? `port:${e.sourcePort}` : "out",
          targetHandle: targetPort ? `port:${e.targetPort}` : "in",
          label: e.kind === "openlineage_job" ? e.label : undefined,
          style: { ...style, strokeWidth: onPath ? 3 : 1.5, stroke: onPath ? "#1f57d6" : style.stroke, opacity: path && !onPath ? 0.25 : 1 },
          markerEnd: { type: MarkerType.ArrowClosed, color: onPath ? "#1f57d6" : style.stroke },
          animated: !!onPath,
          focusable: false,
        };
      }),
    [visible.edges, graph, expanded, path],
  );

  // Every shown node has a position (the columns of a big graph, or elk's): the graph answers clicks. Every shown node
  // has elk's position: say so for tests and the benchmark. Fit each answer's first layout, and elk's, to the view; a
  // big graph fitted to the view would be too small to read: it opens on the focus, readable, the rest a pan away (and
  // on the mini-map), and only what is in view is drawn.
  const placed = nodes.length === visible.nodes.length && nodes.length > 0 && stableNodes.length === nodes.length;
  const applied = layoutDone && placed;
  useEffect(() => {
    if (!placed) return;
    const fitted = applied ? "elk" : "columns";
    if (fittedFor.current !== held.source || (applied && fitted !== fittedWith.current)) {
      fittedFor.current = held.source;
      fittedWith.current = fitted;
      const focus = positions.get(graph.focusId);
      if (nodes.length > LARGE_GRAPH && focus) void flow.setCenter(focus.x + PRODUCT_WIDTH / 2, focus.y + 48, { zoom: 0.8 });
      else void flow.fitView({ padding: 0.15, maxZoom: 1.1 });
    }
    performance.mark(applied ? "lineage-layout-applied" : "lineage-columns-applied", { detail: { nodes: nodes.length } });
    // positions and the focus follow the layout, which `applied` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [placed, applied, nodes.length, flow, held.source]);

  // A big graph's mini-map (a shape per node, redrawn as React Flow measures the nodes) comes once the browser is
  // idle after the layout is applied, so it never holds up the graph's first answer to a click.
  const [miniMapDue, setMiniMapDue] = useState(false);
  useEffect(() => {
    if (!applied || miniMapDue) return;
    const idle = requestIdleCallback(() => setMiniMapDue(true), { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [applied, miniMapDue]);

  const focusNode = useCallback(
    (id: string) => {
      const p = positions.get(id);
      if (p) void flow.setCenter(p.x + PRODUCT_WIDTH / 2, p.y + 48, { zoom: Math.max(flow.getZoom(), 0.8), duration: 150 });
      // At once when the node is drawn (a key pressed next acts on it); a node out of view is drawn after the move.
      const element = () => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const now = element();
      if (now) now.focus({ preventScroll: true });
      else requestAnimationFrame(() => element()?.focus({ preventScroll: true }));
    },
    [positions, flow],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const element = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
    if (!element || element !== event.target) return;
    const id = element.dataset.id!;
    const n = graph.nodes.get(id);
    if (event.key === "Enter" && n?.kind === "product") {
      event.preventDefault();
      router.push(`/products/${n.domain.slug}/${n.slug}`);
    } else if (event.key === "ArrowRight" || event.key === "ArrowLeft" || event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      event.stopPropagation();
      const laidOut = [...positions].map(([nodeId, p]) => ({ id: nodeId, ...p }));
      const next = nodeInDirection(laidOut, visible.edges, id, event.key);
      if (next) focusNode(next);
    }
  };

  const findNext = () => {
    if (!matches.length) return;
    focusNode(matches[matchIndex.current++ % matches.length]);
  };

  const products = visible.nodes.filter((n) => n.kind === "product").length;
  const teams = visible.nodes.filter((n) => n.kind === "team").length;
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800";
  const pathNames = ends.map((id) => graph.nodes.get(id)).map((n) => (n && n.kind !== "hidden" ? n.name : ""));

  return (
    <div className="flex flex-col" data-testid="lineage-graph" data-hydrated={mounted ? "true" : "false"} data-layout={applied ? "done" : placed ? "columns" : "pending"} data-layout-nodes={applied ? nodes.length : 0} data-selected-node={ends[0] ?? ""}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-2.5" role="toolbar" aria-label="Lineage graph controls">
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          Depth
          <select className={select} value={depth} onChange={(e) => setDepth(Number(e.target.value))} aria-label="Depth (hops up and down)">
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? "hop" : "hops"}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          Domain
          <select className={select} value={filters.domain} onChange={(e) => setFilters((f) => ({ ...f, domain: e.target.value }))} aria-label="Filter by domain">
            <option value="">All domains</option>
            {domains.map(([slug, name]) => (
              <option key={slug} value={slug}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1.5 text-sm text-slate-700">
          Status
          <select className={select} value={filters.status} onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value }))} aria-label="Filter by status">
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
          <legend className="sr-only">Edge kinds</legend>
          {EDGE_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-1">
              <input
                type="checkbox"
                checked={filters.kinds.has(kind)}
                onChange={(e) => setFilters((f) => ({ ...f, kinds: e.target.checked ? new Set(f.kinds).add(kind) : new Set([...f.kinds].filter((k) => k !== kind)) }))}
              />
              <span className="inline-block h-0.5 w-4" style={{ background: EDGE_STYLE[kind].stroke }} aria-hidden />
              {EDGE_KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <input
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            matchIndex.current = 0;
          }}
          onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), findNext())}
          placeholder="Find in graph"
          aria-label="Find a product or team in the graph"
          className="w-44 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-800 placeholder:text-slate-500"
        />
        <button type="button" onClick={() => void flow.fitView({ padding: 0.15, duration: 200 })} className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50">
          Fit to view
        </button>
        {toolbar}
      </div>
      <p className="px-4 py-1.5 text-xs text-slate-600" aria-live="polite" data-testid="lineage-status">
        {answer.isFetching && !answer.isPending ? "Loading… " : ""}
        {products} {products === 1 ? "product" : "products"}
        {teams ? ` · ${teams} consumer ${teams === 1 ? "team" : "teams"}` : ""}
        {term ? ` · ${matches.length} ${matches.length === 1 ? "match" : "matches"} (Enter for the next)` : ""}
        {ends.length === 2
          ? path
            ? ` · path from ${pathNames[0]} to ${pathNames[1]}: ${path.edges.size} ${path.edges.size === 1 ? "hop" : "hops"}`
            : ` · no path between ${pathNames[0]} and ${pathNames[1]} in this graph`
          : " · Shift-click two nodes to highlight the path between them; Tab to a node, arrow keys move to its neighbours, Enter opens it"}
        {ends.length > 0 && (
          <button type="button" className="ml-2 text-brand-700 underline" onClick={() => setEnds([])}>
            Clear selection
          </button>
        )}
      </p>
      {error && (
        <p role="alert" className="mx-4 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {answer.isError && (
        <p role="alert" className="mx-4 mb-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          Could not load the lineage at {depth} hops: {answer.error.message}. Choose another depth or reload the page.
        </p>
      )}
      <div className="relative" style={{ height }} onKeyDown={onKeyDown}>
        {!placed && <p className="absolute inset-x-0 top-1/2 z-10 text-center text-sm text-slate-600">Laying out the graph…</p>}
        {placed && !applied && (
          <p className="absolute top-2 left-1/2 z-10 -translate-x-1/2 rounded-md bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm" data-testid="lineage-layout-pending">
            Shown in columns by hop; arranging {nodes.length} nodes…
          </p>
        )}
        <ReactFlow
          colorMode={dark ? "dark" : "light"}
          nodes={stableNodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          onlyRenderVisibleElements={nodes.length > LARGE_GRAPH}
          minZoom={0.05}
          onNodeClick={(event, node) => setEnds((current) => (event.shiftKey && current.length ? [current[0], node.id] : [node.id]))}
          proOptions={{ hideAttribution: true }}
          aria-label="Lineage graph"
        >
          <Background gap={24} color={dark ? "#334155" : "#e2e8f0"} />
          {(nodes.length <= LARGE_GRAPH || miniMapDue) && <MiniMap className="max-sm:!hidden" pannable zoomable ariaLabel="Mini-map of the lineage graph" nodeColor={(n) => (n.type === "product" ? (n.data as ProductNodeData).colour : "#94a3b8")} />}
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {domains.length > 0 && (
        <ul className="flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-100 px-4 py-2 text-xs text-slate-700" aria-label="Domain colours">
          {domains.map(([slug, name]) => (
            <li key={slug} className="flex items-center gap-1.5">
              <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: colour(slug) }} />
              {name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Whether a node shows the same thing as before: its place, size, label and data (the hidden counts by value). */
function sameNode(a: Node, b: Node): boolean {
  if (a.position.x !== b.position.x || a.position.y !== b.position.y || a.width !== b.width || a.height !== b.height || a.ariaLabel !== b.ariaLabel || a.type !== b.type || !a.handles !== !b.handles) return false;
  const [x, y] = [a.data as Record<string, unknown>, b.data as Record<string, unknown>];
  const keys = Object.keys(y);
  if (keys.length !== Object.keys(x).length) return false;
  return keys.every((k) => {
    if (x[k] === y[k]) return true;
    const [p, q] = [x[k] as Record<string, unknown> | null, y[k] as Record<string, unknown> | null];
    return k === "hidden" && !!p && !!q && p.upstream === q.upstream && p.downstream === q.downstream;
  });
}

const noSubscription = () => () => {};

// The app's theme is the `dark` class on <html> (components/theme-script.tsx): React Flow's controls and mini-map follow it.
const subscribeToTheme = (onChange: () => void) => {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
};
function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribeToTheme, () => document.documentElement.classList.contains("dark"), () => false);
}
