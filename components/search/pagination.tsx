/** Page numbers with the first, last and neighbours of the current page; gaps become "…". */
function pageList(page: number, pages: number): (number | "gap")[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1] > 1 ? ["gap" as const, p] : [p]));
}

const button = "inline-flex h-8 min-w-8 items-center justify-center rounded-md border px-2.5 text-sm transition disabled:pointer-events-none disabled:opacity-40";

export function Pagination({ page, pageSize, total, approximate = false, onPage }: { page: number; pageSize: number; total: number; approximate?: boolean; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="Pagination" data-testid="pagination" className="flex items-center justify-between gap-4 pt-2">
      <p className="text-sm text-slate-500">
        {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, total)} of {approximate ? "about " : ""}{total}
      </p>
      <div className="flex items-center gap-1">
        <button type="button" aria-label="Previous page" disabled={page <= 1} onClick={() => onPage(page - 1)} className={`${button} border-slate-200 bg-white text-slate-700 hover:bg-slate-50`}>
          ← Prev
        </button>
        {pageList(page, pages).map((p, i) =>
          p === "gap" ? (
            <span key={`gap-${i}`} className="px-1 text-slate-400">
              …
            </span>
          ) : (
            <button
              key={p}
              type="button"
              aria-label={`Page ${p}`}
              aria-current={p === page ? "page" : undefined}
              onClick={() => onPage(p)}
              className={`${button} tabular-nums ${p === page ? "border-brand-600 bg-brand-600 font-medium text-white" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {p}
            </button>
          ),
        )}
        <button type="button" aria-label="Next page" disabled={page >= pages} onClick={() => onPage(page + 1)} className={`${button} border-slate-200 bg-white text-slate-700 hover:bg-slate-50`}>
          Next →
        </button>
      </div>
    </nav>
  );
}
