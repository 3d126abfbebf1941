type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function Value({ value }: { value: Json | undefined }) {
  if (value === undefined) return <span className="text-slate-400">—</span>;
  if (typeof value === "string") return <span className="whitespace-pre-wrap break-words">{value === "" ? <span className="text-slate-400">(empty)</span> : value}</span>;
  if (value === null || typeof value !== "object") return <span className="font-mono">{String(value)}</span>;
  // Long values scroll inside max-h-64, so the frame takes the keyboard focus (it can be scrolled with the arrow keys).
  return <pre tabIndex={0} className="max-h-64 overflow-auto whitespace-pre-wrap break-words font-mono text-[11px] leading-snug focus-visible:outline-2 focus-visible:outline-brand-500">{JSON.stringify(value, null, 2)}</pre>;
}

const ROW_TONE = { changed: "bg-amber-50", added: "bg-emerald-50", removed: "bg-red-50", same: "" } as const;
const LABEL_TONE = { changed: "text-amber-700", added: "text-emerald-700", removed: "text-red-700", same: "text-slate-400" } as const;

/** A key-by-key before/after comparison of an audit event's JSON snapshots; changed keys are highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <p className="text-sm text-slate-500">This event carries no before/after data.</p>;
  if (!(isRecord(before) || before == null) || !(isRecord(after) || after == null)) {
    return (
      <div className="grid gap-3 md:grid-cols-2">
        <div className="min-w-0"><p className="mb-1 text-xs font-medium text-slate-500">Before</p><Value value={before as Json} /></div>
        <div className="min-w-0"><p className="mb-1 text-xs font-medium text-slate-500">After</p><Value value={after as Json} /></div>
      </div>
    );
  }
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = keys.map((key) => {
    const kind = !(key in b) ? "added" : !(key in a) ? "removed" : same(b[key], a[key]) ? "same" : "changed";
    return { key, kind, before: b[key], after: a[key] } as const;
  });
  const changes = rows.filter((r) => r.kind !== "same").length;
  return (
    <div data-testid="audit-diff">
      <p className="mb-2 text-xs text-slate-500">
        {before == null ? "Created with these values." : after == null ? "Removed; these were the values." : `${changes} of ${rows.length} key${rows.length === 1 ? "" : "s"} changed.`}
      </p>
      <table className="w-full table-fixed border-collapse text-xs">
        <thead>
          <tr className="text-left text-slate-500">
            <th className="w-40 py-1.5 pr-3 font-medium">Key</th>
            <th className="py-1.5 pr-3 font-medium">Before</th>
            <th className="py-1.5 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="align-top">
          {rows.map((r) => (
            <tr key={r.key} className={`border-t border-slate-200/70 ${ROW_TONE[r.kind]}`} data-changed={r.kind !== "same" || undefined}>
              <td className="py-1.5 pl-2 pr-3">
                <span className="font-mono font-medium text-slate-800">{r.key}</span>
                {r.kind !== "same" && <span className={`block text-[10px] uppercase tracking-wide ${LABEL_TONE[r.kind]}`}>{r.kind}</span>}
              </td>
              <td className={`py-1.5 pr-3 ${r.kind === "changed" || r.kind === "removed" ? "text-red-800" : "text-slate-700"}`}>
                <Value value={r.before} />
              </td>
              <td className={`py-1.5 pr-2 ${r.kind === "changed" || r.kind === "added" ? "text-emerald-800" : "text-slate-700"}`}>
                <Value value={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
