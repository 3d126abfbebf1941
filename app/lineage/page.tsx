import Link from "next/link";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { jsonified } from "@/components/ui/jsonified";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import type { Actor } from "@/lib/auth/actor";
import { pageActor } from "@/lib/auth/page-actor";
import { findProductOrThrow } from "@/lib/catalog/find-product-or-throw";
import { getLineageGraph } from "@/lib/lineage/get-lineage-graph";
import { initialLayout } from "@/lib/lineage/initial-layout";
import { orNotFound } from "@/lib/http/or-not-found";

export const metadata = { title: "Lineage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const GRAPH_HEIGHT = "calc(100vh - 19rem)";

export default async function LineagePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const params = await searchParams;
  const focus = one(params.focus);
  const depth = Math.min(6, Math.max(1, Number(one(params.depth)) || 1));
  if (!focus) {
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold text-slate-900">Lineage</h1>
        <EmptyState title="Choose a product to start from" action={<Link href="/search" className="text-brand-700 hover:underline">Find a data product</Link>}>
          Open a data product and choose “Open full graph” in its lineage section, or add <code>?focus=&lt;product URN&gt;</code> to this page&apos;s address.
        </EmptyState>
      </div>
    );
  }
  // The product first (a 404 for one the viewer may not see), then the page streams while the graph is walked and
  // laid out: the browser loads the page's code meanwhile.
  const product = await orNotFound(findProductOrThrow(actor, focus));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Lineage of {product.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Link href={`/products/${product.domain.slug}/${product.slug}`} className="text-brand-700 hover:underline">
            Back to the product
          </Link>
        </p>
      </div>
      <div className="rounded-xl border border-slate-200 bg-white">
        <Suspense fallback={<GraphLoading depth={depth} />}>
          <Graph actor={actor} focus={product.urn} depth={depth} />
        </Suspense>
      </div>
    </div>
  );
}

async function Graph({ actor, focus, depth }: { actor: Actor; focus: string; depth: number }) {
  const graph = await getLineageGraph(actor, { focus, depth: String(depth), maxNodes: "2000" });
  const initial = jsonified(graph);
  const layout = await initialLayout(initial);
  return (
    <>
      {graph.truncated && <p className="px-4 pt-3 text-sm text-amber-800">The graph stopped growing at 2,000 products: lower the depth or expand nodes one at a time.</p>}
      <LineageGraph initial={initial} initialLayout={layout} initialDepth={depth} height={GRAPH_HEIGHT} />
    </>
  );
}

function GraphLoading({ depth }: { depth: number }) {
  return (
    <div className="grid place-items-center text-sm text-slate-600" style={{ height: GRAPH_HEIGHT }} role="status" data-testid="lineage-loading">
      Walking the lineage {depth} {depth === 1 ? "hop" : "hops"} up and down and laying it out…
    </div>
  );
}
