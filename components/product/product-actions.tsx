import Link from "next/link";
import { LifecycleActions } from "@/components/product-form/lifecycle-actions";
import { ALLOWED_TRANSITIONS } from "@/lib/catalog/change-product-status";
import type { DataProductDetail } from "@/lib/catalog/get-data-product";

/** The product page header's actions: Edit, and the lifecycle steps the caller may take from the current status. */
export function ProductActions({ product, subscribingTeams = 0 }: { product: DataProductDetail; subscribingTeams?: number }) {
  const { canEdit, canChangeStatus } = product.permissions;
  const transitions = canChangeStatus ? ALLOWED_TRANSITIONS[product.status] : [];
  if (!canEdit && transitions.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="product-actions">
      {canEdit && (
        <Link
          href={`/products/${product.domain.slug}/${product.slug}/edit`}
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        >
          <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round">
            <path d="M11.5 2.5 13.5 4.5 6 12l-2.75.75L4 10l7.5-7.5Z" />
          </svg>
          Edit
        </Link>
      )}
      {transitions.length > 0 && <LifecycleActions productId={product.id} productName={product.name} status={product.status} transitions={transitions} subscribingTeams={subscribingTeams} />}
    </div>
  );
}
