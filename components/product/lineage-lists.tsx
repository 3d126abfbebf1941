import Link from "next/link";
import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { Section } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/product-badges";

type Linked = { product: DataProductDetail["upstream"][number]["product"]; ports: string[] };

/** One row per product, listing every port the link goes through. */
function byProduct(links: { product: Linked["product"]; port: string }[]): Linked[] {
  const grouped = new Map<string, Linked>();
  for (const l of links) {
    const entry = grouped.get(l.product.id) ?? { product: l.product, ports: [] };
    if (!entry.ports.includes(l.port)) entry.ports.push(l.port);
    grouped.set(l.product.id, entry);
  }
  return [...grouped.values()];
}

function ProductList({ items, portLabel, empty, testId }: { items: Linked[]; portLabel: string; empty: string; testId: string }) {
  if (items.length === 0) return <p className="px-5 py-4 text-sm text-slate-400">{empty}</p>;
  return (
    <ul data-testid={testId} className="divide-y divide-slate-100">
      {items.map(({ product, ports }) => (
        <li key={product.id} className="px-5 py-3">
          <div className="flex items-center justify-between gap-2">
            <Link href={`/products/${product.domain.slug}/${product.slug}`} className="truncate text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {product.name}
            </Link>
            <StatusBadge status={product.status} />
          </div>
          <p className="mt-0.5 truncate text-xs text-slate-500">
            {product.domain.name} · {portLabel} {ports.join(", ")}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function LineageLists({ product }: { product: DataProductDetail }) {
  const upstream = byProduct(product.upstream.map((u) => ({ product: u.product, port: u.port })));
  const downstream = byProduct(product.downstream.map((d) => ({ product: d.product, port: d.viaPort })));
  return (
    <>
      <Section id="upstream" title="Upstream" description={`${upstream.length} ${upstream.length === 1 ? "product" : "products"} this one reads from`}>
        <ProductList items={upstream} portLabel="reads" empty="None — this product is a source." testId="upstream-products" />
      </Section>
      <Section id="downstream" title="Downstream" description={`${downstream.length} ${downstream.length === 1 ? "product" : "products"} built on this one`}>
        <ProductList items={downstream} portLabel="via" empty="No data product reads from this one yet." testId="downstream-products" />
      </Section>
    </>
  );
}
