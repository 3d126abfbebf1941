import type { YamlDiffHunk, YamlDiffLine } from "@/lib/contracts/diff-yaml-text";

const ROW: Record<YamlDiffLine["kind"], { sign: string; className: string; label?: string }> = {
  added: { sign: "+", className: "bg-emerald-50 text-emerald-900", label: "added" },
  removed: { sign: "−", className: "bg-red-50 text-red-900", label: "removed" },
  same: { sign: " ", className: "text-slate-700" },
};

/** The contract YAML's line-level text diff: removed lines red with −, added lines green with +, old and new line numbers. */
export function YamlTextDiff({ hunks, from, to }: { hunks: YamlDiffHunk[]; from: string; to: string }) {
  if (hunks.length === 0) return <p className="px-5 py-3 text-sm text-slate-600" data-testid="yaml-diff-empty">The YAML of these versions is the same.</p>;
  const added = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === "added").length, 0);
  const removed = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === "removed").length, 0);
  return (
    <div data-testid="yaml-diff">
      <p className="px-5 pt-3 pb-2 text-xs text-slate-600">
        <span className="font-medium text-emerald-700">+{added}</span> <span className="font-medium text-red-700">−{removed}</span> lines from {from} to {to}
      </p>
      {/* Scrolls in its own frame, so long lines do not widen the page; focusable so a keyboard can scroll it. */}
      <div tabIndex={0} role="region" aria-label={`YAML changes from ${from} to ${to}`} className="overflow-x-auto border-y border-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500">
        <table className="w-full border-collapse font-mono text-xs leading-5">
          <caption className="sr-only">Lines of the contract YAML, removed and added</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Line in {from}</th>
              <th scope="col">Line in {to}</th>
              <th scope="col">Change</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          {hunks.map((hunk) => (
            <tbody key={`${hunk.oldStart}-${hunk.newStart}`} className="border-t border-slate-100 first:border-t-0">
              <tr>
                <td colSpan={4} className="bg-slate-50 px-3 py-0.5 text-slate-600">
                  @@ line {hunk.oldStart} → {hunk.newStart} @@
                </td>
              </tr>
              {hunk.lines.map((line, i) => {
                const row = ROW[line.kind];
                return (
                  <tr key={i} className={row.className} data-testid="yaml-diff-line" data-kind={line.kind}>
                    <td className="w-10 px-2 text-right text-slate-600 select-none">{line.oldLine ?? ""}</td>
                    <td className="w-10 px-2 text-right text-slate-600 select-none">{line.newLine ?? ""}</td>
                    <td className="w-5 px-1 text-center font-semibold select-none">
                      <span aria-hidden>{row.sign}</span>
                      {row.label && <span className="sr-only">{row.label}</span>}
                    </td>
                    <td className="pr-3 whitespace-pre">{line.text}</td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </div>
  );
}
