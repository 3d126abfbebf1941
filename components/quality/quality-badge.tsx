import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { QualityBadgeData } from "./quality-types";

export const scoreTone = (score: number | null): BadgeTone => (score === null ? "slate" : score >= 0.95 ? "green" : score >= 0.8 ? "amber" : "red");
export const percent = (score: number) => `${Math.floor(score * 100)} %`;

/** Quality score and freshness in two small badges (search cards, lineage nodes); nothing before the first run. */
export function QualityBadge({ summary }: { summary: QualityBadgeData | null | undefined }) {
  if (!summary || (summary.score === null && summary.freshness === "unknown")) return null;
  const freshness = { fresh: ["green", "Fresh"], stale: ["red", "Stale"], unknown: ["slate", "Freshness unknown"] } as const;
  const [tone, label] = freshness[summary.freshness];
  return (
    <span className="inline-flex items-center gap-1.5" data-testid="quality-badge">
      {summary.score !== null && (
        <Badge tone={scoreTone(summary.score)} dot title={`${summary.passed} of ${summary.passed + summary.failed} evaluated checks pass${summary.openIncidents ? `; ${summary.openIncidents} open incident(s)` : ""}`} testId="quality-score-badge">
          Quality {percent(summary.score)}
        </Badge>
      )}
      <Badge tone={tone} title="Freshness against the contract's SLA" testId="freshness-badge">
        {label}
      </Badge>
    </span>
  );
}
