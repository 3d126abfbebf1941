import { formatDateTime } from "@/components/ui/format-date";
import { GrantStateBadge } from "./subscription-state-badge";
import type { GrantState } from "./subscription-types";

type GrantRow = { id: string; kind: "postgres_select" | "kafka_acl"; state: GrantState; principal: string; target: string; lastError: string | null; attempts?: number; appliedAt?: string | null };

const WHAT = { postgres_select: "SELECT on", kafka_acl: "Kafka READ and DESCRIBE on" } as const;

/** A subscription's grants with their states; one the cluster refused says so in the cluster's words. */
export function GrantList({ grants, testId = "grants" }: { grants: GrantRow[]; testId?: string }) {
  const notApplied = grants.filter((g) => g.state === "not_supported");
  return (
    <div>
      {notApplied.length > 0 && (
        <p className="mb-2 text-xs text-amber-900" data-testid="grants-not-applied">
          {notApplied.length === grants.length ? "No grant could be applied" : "Active with what this cluster supports"}: {notApplied.length} grant{notApplied.length === 1 ? " was" : "s were"} not applied, see why below.
        </p>
      )}
      <ul className="space-y-2" data-testid={testId}>
        {grants.map((g) => (
          <li key={g.id} data-testid="grant" data-grant-state={g.state} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <GrantStateBadge state={g.state} />
            <span className="text-slate-700">{WHAT[g.kind]}</span>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{g.target}</code>
            <span className="text-slate-600">to</span>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{g.principal}</code>
            {g.appliedAt && g.state === "applied" && <span className="text-xs text-slate-600">since {formatDateTime(g.appliedAt)}</span>}
            {g.lastError && (
              <p className={`w-full text-xs ${g.state === "failed" ? "text-red-700" : g.state === "not_supported" ? "text-amber-900" : "text-slate-600"}`} data-testid="grant-reason">
                {g.state === "not_supported" ? g.lastError.replace(/^not supported/, "Not supported") : g.lastError}
                {g.state === "failed" && (g.attempts ?? 0) > 0 && ` (attempt ${g.attempts}, retried with backoff)`}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "expires in 12 days" / "expires today", as the cards show an end date. */
export function expiresInWords(days: number | null | undefined): string | null {
  if (days === null || days === undefined) return null;
  if (days <= 0) return "expires today";
  return `expires in ${days} day${days === 1 ? "" : "s"}`;
}
