"use client";

import Link from "next/link";
import { memo, type ReactNode } from "react";
import { Handle, Position, useStore, type Node, type NodeHandle, type NodeProps } from "@xyflow/react";
import { StatusBadge } from "@/components/ui/product-badges";
import { Badge } from "@/components/ui/badge";
import { percent, scoreTone } from "@/components/quality/quality-badge";
import type { Direction } from "./graph-model";
import { LARGE_GRAPH } from "./layout-plan";
import type { GraphProduct } from "./lineage-types";
import { HIDDEN_SIZE, PRODUCT_WIDTH, TEAM_SIZE } from "./node-sizes";

export type ProductNodeData = {
  product: GraphProduct;
  colour: string;
  isFocus: boolean;
  expanded: boolean;
  hidden: { upstream: number; downstream: number };
  loading: Direction | null;
  /** Search match, path member, or neither (dimmed while a search or path is active). */
  emphasis: "match" | "path" | "dim" | null;
  showMaterialization: boolean;
  /** A quality/freshness badge where one is known (the quality area fills it in). */
  badge?: ReactNode;
  onExpand: (id: string, direction: Direction) => void;
  onTogglePorts: (id: string) => void;
};
export type TeamNodeData = { name: string; domain: string; emphasis: "match" | "path" | "dim" | null };
export type HiddenNodeData = { count: number; emphasis: "path" | "dim" | null };

export type ProductFlowNode = Node<ProductNodeData, "product">;
export type TeamFlowNode = Node<TeamNodeData, "team">;
export type HiddenFlowNode = Node<HiddenNodeData, "hidden">;

const emphasisRing = (e: string | null) => (e === "match" ? "ring-2 ring-amber-500" : e === "path" ? "ring-2 ring-brand-600" : "");
const dim = (e: string | null) => (e === "dim" ? "opacity-40" : "");
const handle = "!h-2 !w-2 !border-0 !bg-slate-400";
const HANDLE = 8;

/**
 * Where a node's "in" (left) and "out" (right) handles are, as drawn (8 px, centred on the side): given to React Flow
 * up front, it draws edges before it has measured the node and draws only the nodes in view (without them it renders
 * every node of a big graph once, to measure it). Not for a node showing its ports: those it measures.
 */
export function sideHandles({ width, height }: { width: number; height: number }, sides: { in: boolean; out: boolean }): NodeHandle[] {
  const at = (id: "in" | "out", x: number): NodeHandle => ({ id, type: id === "in" ? "target" : "source", position: id === "in" ? Position.Left : Position.Right, x: x - HANDLE / 2, y: height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  return [...(sides.in ? [at("in", 0)] : []), ...(sides.out ? [at("out", width)] : [])];
}

function ExpandButton({ count, direction, loading, onClick }: { count: number; direction: Direction; loading: boolean; onClick: () => void }) {
  if (count === 0) return <span className="w-14" />;
  const label = `Show ${count} more ${direction} ${count === 1 ? "product" : "products"}`;
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-testid={`expand-${direction}`}
      onClick={(event) => {
        event.stopPropagation();
        onClick();
      }}
      className="nodrag nopan inline-flex w-14 items-center justify-center gap-0.5 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs font-medium text-slate-700 hover:border-brand-500 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      {direction === "upstream" ? "←" : ""}
      {loading ? "…" : `+${count}`}
      {direction === "downstream" ? "→" : ""}
    </button>
  );
}

/** The product's quality score and freshness in one small badge (lib/quality), nothing before its first check run. */
function QualityDot({ summary }: { summary: GraphProduct["quality"] }) {
  if (!summary || summary.score === null) return null;
  const stale = summary.freshness === "stale";
  return (
    <Badge tone={stale ? "red" : scoreTone(summary.score)} dot title={`Quality: ${summary.passed} of ${summary.passed + summary.failed} evaluated checks pass; ${stale ? "stale against its freshness SLA" : summary.freshness === "fresh" ? "fresh" : "freshness unknown"}`} testId="lineage-quality-badge">
      {percent(summary.score)}
      {stale ? " · stale" : ""}
    </Badge>
  );
}

/** Nodes of a big graph zoomed out too far to read draw as their outline, name and stripe only: a thousand full nodes take seconds to render. */
const READABLE_ZOOM = 0.45;

function ProductNodeView({ data }: NodeProps<ProductFlowNode>) {
  const { product, isFocus, expanded, hidden, loading, emphasis, badge } = data;
  const href = `/products/${product.domain.slug}/${product.slug}`;
  const side = product.depth < 0 ? "upstream" : product.depth > 0 ? "downstream" : "focus";
  const outline = useStore((s) => s.transform[2] < READABLE_ZOOM && s.nodeLookup.size > LARGE_GRAPH);
  if (outline)
    return (
      <div
        data-testid="lineage-node"
        data-product-urn={product.urn}
        data-lineage-side={side}
        className={`h-[96px] rounded-lg border bg-white px-3 py-2 ${isFocus ? "border-brand-600" : "border-slate-300"} ${emphasisRing(emphasis)} ${dim(emphasis)}`}
        style={{ width: PRODUCT_WIDTH, borderLeftWidth: 5, borderLeftColor: data.colour }}
      >
        <Handle type="target" position={Position.Left} id="in" className={handle} />
        <p className="truncate pt-6 text-sm font-semibold text-slate-900">{product.name}</p>
        <Handle type="source" position={Position.Right} id="out" className={handle} />
      </div>
    );
  return (
    <div
      data-testid="lineage-node"
      data-product-urn={product.urn}
      data-lineage-side={side}
      className={`rounded-lg border bg-white text-left shadow-sm ${isFocus ? "border-brand-600 shadow-md" : "border-slate-300"} ${emphasisRing(emphasis)} ${dim(emphasis)}`}
      style={{ width: PRODUCT_WIDTH, borderLeftWidth: 5, borderLeftColor: data.colour }}
    >
      <Handle type="target" position={Position.Left} id="in" className={handle} />
      <div className="flex h-[96px] flex-col justify-between px-3 py-2">
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-xs text-slate-600">{product.domain.name}</span>
          <span className="flex items-center gap-1">
            <QualityDot summary={product.quality} />
            <StatusBadge status={product.status} />
          </span>
        </div>
        <div className="flex items-center gap-1.5">
          <Link href={href} prefetch={false} tabIndex={-1} className="nodrag truncate text-sm font-semibold text-slate-900 hover:text-brand-700 hover:underline" onClick={(e) => e.stopPropagation()}>
            {product.name}
          </Link>
          {badge}
        </div>
        <div className="flex items-center justify-between">
          <ExpandButton count={hidden.upstream} direction="upstream" loading={loading === "upstream"} onClick={() => data.onExpand(product.id, "upstream")} />
          {product.ports.length > 0 ? (
            <button
              type="button"
              aria-expanded={expanded}
              aria-label={`${expanded ? "Hide" : "Show"} the ports of ${product.name}`}
              onClick={(event) => {
                event.stopPropagation();
                data.onTogglePorts(product.id);
              }}
              className="nodrag nopan rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {product.ports.length} {product.ports.length === 1 ? "port" : "ports"} {expanded ? "▴" : "▾"}
            </button>
          ) : (
            <span />
          )}
          <ExpandButton count={hidden.downstream} direction="downstream" loading={loading === "downstream"} onClick={() => data.onExpand(product.id, "downstream")} />
        </div>
      </div>
      {expanded && (
        <ul className="border-t border-slate-200 px-3 py-1" data-testid="lineage-ports">
          {product.ports.map((port) => {
            const from = port.sourcePortId ? product.ports.find((p) => p.id === port.sourcePortId) : undefined;
            return (
              <li key={port.id} className="relative flex h-6 items-center justify-between gap-2 text-xs text-slate-700">
                {port.direction === "input" && <Handle type="target" position={Position.Left} id={`port:${port.id}`} className={handle} style={{ left: -12 }} />}
                <span className="truncate">
                  <span className="mr-1 text-slate-500">{port.direction === "input" ? "in" : port.type === "table" ? "table" : "topic"}</span>
                  {port.name}
                </span>
                {from && data.showMaterialization && <span className="shrink-0 text-slate-600" title={`Materialized from ${from.name}`}>← {from.name}</span>}
                {port.direction === "output" && <Handle type="source" position={Position.Right} id={`port:${port.id}`} className={handle} style={{ right: -12 }} />}
              </li>
            );
          })}
        </ul>
      )}
      <Handle type="source" position={Position.Right} id="out" className={handle} />
    </div>
  );
}

export function TeamNode({ data }: NodeProps<TeamFlowNode>) {
  return (
    <div data-testid="lineage-team" className={`rounded-full border border-emerald-600/40 bg-emerald-50 px-4 py-2 ${emphasisRing(data.emphasis)} ${dim(data.emphasis)}`} style={TEAM_SIZE}>
      <Handle type="target" position={Position.Left} id="in" className={handle} />
      <p className="truncate text-sm font-medium text-emerald-900">{data.name}</p>
      <p className="truncate text-xs text-emerald-800">Consumer team · {data.domain}</p>
    </div>
  );
}

export function HiddenNode({ data }: NodeProps<HiddenFlowNode>) {
  return (
    <div data-testid="lineage-hidden" title="Products you may not see (drafts or retired products of other teams)" className={`grid place-items-center rounded-lg border border-dashed border-slate-400 bg-slate-50 text-sm text-slate-700 ${dim(data.emphasis)}`} style={HIDDEN_SIZE}>
      <Handle type="target" position={Position.Left} id="in" className={handle} />
      {data.count} hidden {data.count === 1 ? "product" : "products"}
      <Handle type="source" position={Position.Right} id="out" className={handle} />
    </div>
  );
}

export const ProductNode = memo(ProductNodeView);

export const NODE_TYPES = { product: ProductNode, team: TeamNode, hidden: HiddenNode };
