import Link from "next/link";
import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { Avatar } from "@/components/ui/avatar";
import { Section } from "@/components/ui/card";
import { ExternalLink } from "@/components/ui/external-link";

export function OwnershipCard({ product }: { product: DataProductDetail }) {
  return (
    <Section id="owners" title="Owners and contact">
      <div className="space-y-4 px-5 py-4 text-sm" data-testid="product-owners">
        <div>
          <p className="text-xs font-medium text-slate-500">Team</p>
          <Link href={`/domains/${product.domain.slug}#team-${product.team.slug}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {product.team.name}
          </Link>
          <span className="text-slate-500"> in {product.domain.name}</span>
        </div>
        {product.team.contactEmail && (
          <div>
            <p className="text-xs font-medium text-slate-500">Contact</p>
            <ExternalLink href={`mailto:${product.team.contactEmail}`} className="text-brand-700 hover:underline" data-testid="product-contact">
              {product.team.contactEmail}
            </ExternalLink>
          </div>
        )}
        <div>
          <p className="mb-2 text-xs font-medium text-slate-500">Product owners</p>
          {product.owners.length === 0 ? (
            <p className="text-slate-400">No owner assigned to the team yet.</p>
          ) : (
            <ul className="space-y-2">
              {product.owners.map((o) => (
                <li key={o.email} className="flex items-center gap-2.5">
                  <Avatar name={o.name} />
                  <div className="min-w-0">
                    <p className="truncate font-medium text-slate-800">{o.name}</p>
                    <ExternalLink href={`mailto:${o.email}`} className="block truncate text-xs text-slate-500 hover:text-brand-700">
                      {o.email}
                    </ExternalLink>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </Section>
  );
}
