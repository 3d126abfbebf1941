import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { formatDate } from "@/components/ui/format-date";

export function LifecycleBanner({ product }: { product: DataProductDetail }) {
  if (product.status === "deprecated") {
    return (
      <div role="note" data-testid="deprecation-banner" className="flex gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 text-amber-500" fill="currentColor">
          <path fillRule="evenodd" d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" />
        </svg>
        <div>
          <p className="font-semibold">
            This product is deprecated
            {product.sunsetDate && (
              <>
                {" "}
                and will be retired on <time dateTime={product.sunsetDate.toISOString().slice(0, 10)}>{formatDate(product.sunsetDate)}</time>
              </>
            )}
            .
          </p>
          {product.deprecationReason && <p className="mt-0.5 text-amber-800">{product.deprecationReason}</p>}
          <p className="mt-1 text-xs text-amber-700">Plan your migration before the sunset date; the owners can tell you what replaces it.</p>
        </div>
      </div>
    );
  }
  if (product.status === "retired") {
    return (
      <div role="note" data-testid="retired-notice" className="flex gap-3 rounded-xl border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-700">
        <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 h-5 w-5 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="3" y="4" width="14" height="4" rx="1" />
          <path d="M4.5 8v7a1 1 0 0 0 1 1h9a1 1 0 0 0 1-1V8M8 11h4" strokeLinecap="round" />
        </svg>
        <div>
          <p className="font-semibold">
            This product is retired
            {product.sunsetDate && (
              <>
                {" "}
                since <time dateTime={product.sunsetDate.toISOString().slice(0, 10)}>{formatDate(product.sunsetDate)}</time>
              </>
            )}
            .
          </p>
          <p className="mt-0.5">It is kept for reference only: it no longer receives data and cannot be subscribed to.{product.deprecationReason ? ` ${product.deprecationReason}` : ""}</p>
        </div>
      </div>
    );
  }
  if (product.status === "draft") {
    return (
      <div role="note" data-testid="draft-notice" className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-slate-600">
        <span className="font-semibold text-slate-800">Draft.</span> Only the owning team, stewards and admins can see this product until it is published.
      </div>
    );
  }
  return null;
}
