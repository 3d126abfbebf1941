import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { jsonified } from "@/components/ui/jsonified";
import { LineageGraph } from "@/components/lineage/lineage-graph";
import { pageActor } from "@/lib/auth/page-actor";
import { getLineageGraph } from "@/lib/lineage/get-lineage-graph";
import { initialLayout } from "@/lib/lineage/initial-layout";
import { orNotFound } from "@/lib/http/or-not-found";

export const metadata = { title: "Lineage" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

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
  const graph = await orNotFound(getLineageGraph(actor, { focus, depth: String(depth), maxNodes: "2000" }));
  const initial = jsonified(graph);
  const layout = await initialLayout(initial);
  const product = graph.nodes.find((n) => n.kind === "product" && n.urn === graph.focus);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Lineage of {product && product.kind === "product" ? product.name : focus}</h1>
        {product && product.kind === "product" && (
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/products/${product.domain.slug}/${product.slug}`} className="text-brand-700 hover:underline">
              Back to the product
            </Link>
            {graph.truncated && " · The graph stopped growing at 2,000 products: lower the depth or expand nodes one at a time."}
          </p>
        )}
      </div>
      <div className="rounded-xl border border-slate-200 bg-white">
        <LineageGraph initial={initial} initialLayout={layout} initialDepth={depth} height="calc(100vh - 19rem)" />
      </div>
    </div>
  );
}
