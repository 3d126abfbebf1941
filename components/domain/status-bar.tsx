import { STATUS_BAR, STATUS_ORDER } from "@/components/ui/product-badges";

const label = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A thin stacked bar plus a legend of product counts per status. */
export function StatusBar({ counts }: { counts: Record<string, number> }) {
  const total = STATUS_ORDER.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const present = STATUS_ORDER.filter((s) => (counts[s] ?? 0) > 0);
  return (
    <div className="space-y-2" data-testid="status-counts">
      <div className="flex h-1.5 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {present.map((s) => (
          <div key={s} className={STATUS_BAR[s]} style={{ width: `${((counts[s] ?? 0) / total) * 100}%` }} />
        ))}
      </div>
      {total === 0 ? (
        <p className="text-xs text-slate-400">No data products yet</p>
      ) : (
        <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600">
          {present.map((s) => (
            <li key={s} className="flex items-center gap-1.5" data-testid={`status-count-${s}`}>
              <span aria-hidden className={`h-2 w-2 rounded-full ${STATUS_BAR[s]}`} />
              <span className="font-medium text-slate-800 tabular-nums">{counts[s]}</span> {label(s).toLowerCase()}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
