import type { ContractChange, ContractChangeKind } from "@/lib/contracts/contract-change";

const GROUPS: { title: string; kinds: ContractChangeKind[] }[] = [
  { title: "Schema objects", kinds: ["object-added", "object-removed"] },
  { title: "Fields added", kinds: ["field-added"] },
  { title: "Fields removed", kinds: ["field-removed"] },
  { title: "Fields renamed", kinds: ["field-renamed"] },
  { title: "Type changed", kinds: ["type-changed", "physical-type-changed"] },
  { title: "Nullability changed", kinds: ["required-changed"] },
  { title: "Keys and uniqueness", kinds: ["unique-changed", "primary-key-changed"] },
  { title: "Classification", kinds: ["classification-changed"] },
  { title: "Descriptions", kinds: ["description-changed"] },
  { title: "Quality rules", kinds: ["quality-added", "quality-removed", "quality-changed"] },
  { title: "SLA", kinds: ["sla-added", "sla-removed", "sla-changed"] },
];

const show = (value: unknown) => (value === undefined || value === null ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** Short values are shown as before → after; long ones (descriptions, rule objects) only in the message. */
const isShort = (value: unknown) => value === undefined || value === null || (typeof value !== "object" && String(value).length <= 40);

function ChangeRow({ change }: { change: ContractChange }) {
  const beforeAfter = (change.before !== undefined || change.after !== undefined) && isShort(change.before) && isShort(change.after) && change.kind !== "field-added" && change.kind !== "field-removed";
  return (
    <li
      data-testid="contract-change"
      data-breaking={change.breaking ? "true" : "false"}
      className={`flex items-start gap-3 px-5 py-2.5 text-sm ${change.breaking ? "bg-red-50/60" : ""}`}
    >
      <span aria-hidden className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${change.breaking ? "bg-red-500" : "bg-emerald-500"}`} />
      <div className="min-w-0 flex-1">
        <p className={change.breaking ? "text-red-800" : "text-slate-800"}>
          {change.message}
          {change.breaking && <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-[10px] font-semibold tracking-wide text-white uppercase">Breaking</span>}
        </p>
        <p className="mt-0.5 flex flex-wrap items-center gap-x-2 font-mono text-xs text-slate-500">
          {change.field && <span className="text-slate-600">{change.field}</span>}
          <span className="text-slate-400">{change.path}</span>
          {beforeAfter && (
            <span>
              <span className="rounded bg-slate-100 px-1 text-slate-600 line-through decoration-slate-400">{show(change.before)}</span>
              <span className="mx-1 text-slate-400">→</span>
              <span className="rounded bg-slate-100 px-1 text-slate-800">{show(change.after)}</span>
            </span>
          )}
        </p>
      </div>
    </li>
  );
}

/** A semantic diff, grouped by kind of change, breaking changes marked red. */
export function ContractChanges({ changes, emptyText = "No semantic changes." }: { changes: ContractChange[]; emptyText?: string }) {
  if (changes.length === 0) return <p className="px-5 py-3 text-sm text-slate-500" data-testid="contract-changes-empty">{emptyText}</p>;
  const breaking = changes.filter((c) => c.breaking).length;
  const known = new Set(GROUPS.flatMap((g) => g.kinds));
  const groups = [...GROUPS, { title: "Other", kinds: [] as ContractChangeKind[] }]
    .map((g) => ({ title: g.title, items: g.title === "Other" ? changes.filter((c) => !known.has(c.kind)) : changes.filter((c) => g.kinds.includes(c.kind)) }))
    .filter((g) => g.items.length > 0);
  return (
    <div data-testid="contract-changes">
      <p className="px-5 pt-3 pb-1 text-xs text-slate-500">
        {changes.length} change{changes.length === 1 ? "" : "s"}
        {breaking > 0 ? (
          <span className="font-medium text-red-700"> · {breaking} breaking</span>
        ) : (
          <span className="text-emerald-700"> · none breaking</span>
        )}
      </p>
      {groups.map((g) => (
        <section key={g.title} className="mt-2">
          <h4 className="px-5 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {g.title} <span className="font-normal text-slate-400">({g.items.length})</span>
          </h4>
          <ul className="divide-y divide-slate-100 border-y border-slate-100">
            {g.items.map((c, i) => (
              <ChangeRow key={`${c.kind}-${c.path}-${i}`} change={c} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
