import Link from "next/link";
import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { Tag } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CopyableId } from "@/components/ui/copyable-id";
import { formatDateTime } from "@/components/ui/format-date";
import { ClassificationBadge, PersonalDataBadge, StatusBadge } from "@/components/ui/product-badges";
import { RequestAccess, type ConsumerTeam } from "@/components/subscriptions/request-access";
import { ProductActions } from "./product-actions";

/** `consumerTeams`, when given, shows "Request access" (the product is open to subscriptions). */
export function ProductHeader({ product, consumerTeams, subscribingTeams }: { product: DataProductDetail; consumerTeams?: ConsumerTeam[]; subscribingTeams?: number }) {
  return (
    <header data-testid="product-header" className="space-y-4">
      <Breadcrumbs items={[{ label: "Domains", href: "/domains" }, { label: product.domain.name, href: `/domains/${product.domain.slug}` }, { label: product.name }]} />

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="product-name">
              {product.name}
            </h1>
            <div className="flex flex-wrap items-center gap-1.5">
              <StatusBadge status={product.status} />
              <ClassificationBadge classification={product.classification} />
              {product.containsPersonalData && <PersonalDataBadge />}
            </div>
          </div>
          <CopyableId value={product.urn} label="URN" testId="product-urn" className="text-sm" />
          <p className="text-sm text-slate-500">
            <Link href={`/domains/${product.domain.slug}`} className="font-medium text-slate-700 hover:text-brand-700 hover:underline" data-testid="product-domain">
              {product.domain.name}
            </Link>
            <span className="mx-1.5 text-slate-300">/</span>
            <Link href={`/domains/${product.domain.slug}#team-${product.team.slug}`} className="text-slate-700 hover:text-brand-700 hover:underline" data-testid="product-team">
              {product.team.name}
            </Link>
            <span className="mx-1.5 text-slate-300">·</span>
            Last changed <time dateTime={product.updatedAt.toISOString()}>{formatDateTime(product.updatedAt)}</time>
          </p>
          {product.tags.length > 0 && (
            <div className="flex flex-wrap gap-1.5 pt-1" data-testid="product-tags">
              {product.tags.map((t) => (
                <Link key={t} href={`/search?tag=${encodeURIComponent(t)}`} className="hover:opacity-80">
                  <Tag>{t}</Tag>
                </Link>
              ))}
            </div>
          )}
        </div>

        <div className="flex max-w-full flex-wrap items-center gap-2">
          <a
            href={`/api/v1/data-products/${product.id}/descriptor`}
            download={`${product.slug}.yaml`}
            data-testid="download-descriptor"
            className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          >
            <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
              <path d="M8 2.5v8M4.75 7.5 8 10.75 11.25 7.5M3 13.5h10" />
            </svg>
            Download descriptor
          </a>
          <ProductActions product={product} subscribingTeams={subscribingTeams} />
          {consumerTeams && product.outputPorts.length > 0 && <RequestAccess productName={product.name} ports={product.outputPorts} teams={consumerTeams} />}
        </div>
      </div>
    </header>
  );
}
