import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format-date";
import { PortTypeIcon } from "@/components/ui/port-type-icon";
import { ClassificationBadge, StatusBadge } from "@/components/ui/product-badges";

type Product = {
  id: string;
  slug: string;
  name: string;
  status: string;
  classification: string;
  containsPersonalData: boolean;
  portTypes: string[];
  updatedAt: Date;
  team: { slug: string; name: string };
};

const th = "px-4 py-2.5 text-left text-xs font-medium text-slate-500";

/** A domain's products, or (`scope="team"`) one team's, as the caller may see them (lib/org/get-domain.ts filters). */
export function DomainProductsTable({ domainSlug, products, scope = "domain" }: { domainSlug: string; products: Product[]; scope?: "domain" | "team" }) {
  if (products.length === 0) {
    return (
      <EmptyState title={`No data products in this ${scope} yet`} action={<Link href="/products/new" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Register a product</Link>}>
        {scope === "domain" ? "Teams of this domain can register their first product." : "The team's members can register its first product."}
      </EmptyState>
    );
  }
  return (
    <Card className="overflow-hidden">
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="domain-products">
          <thead className="border-b border-slate-200 bg-slate-50/70">
            <tr>
              <th scope="col" className={th}>Product</th>
              <th scope="col" className={th}>Status</th>
              <th scope="col" className={th}>Classification</th>
              {scope === "domain" && <th scope="col" className={th}>Team</th>}
              <th scope="col" className={th}>Ports</th>
              <th scope="col" className={`${th} text-right`}>Updated</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {products.map((p) => (
              <tr key={p.id} data-testid="domain-product" className="hover:bg-slate-50/70">
                <td className="px-4 py-3">
                  <Link href={`/products/${domainSlug}/${p.slug}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={p.status} />
                </td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap gap-1.5">
                    <ClassificationBadge classification={p.classification} />
                    {p.containsPersonalData && (
                      <span title="Contains personal data" data-testid="pii-badge" className="inline-flex items-center rounded-md bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-600/25 ring-inset">
                        <span aria-hidden>PII</span>
                        <span className="sr-only">Contains personal data</span>
                      </span>
                    )}
                  </div>
                </td>
                {scope === "domain" && (
                  <td className="px-4 py-3">
                    <a href={`#team-${p.team.slug}`} className="text-slate-600 hover:text-brand-700 hover:underline">
                      {p.team.name}
                    </a>
                  </td>
                )}
                <td className="px-4 py-3">
                  <span className="flex gap-1.5 text-slate-400">
                    {p.portTypes.map((t) => (
                      <PortTypeIcon key={t} type={t} />
                    ))}
                  </span>
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap text-slate-500 tabular-nums">{formatDate(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
