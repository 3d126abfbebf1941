import { Badge, type BadgeTone } from "./badge";

export const STATUS_TONE: Record<string, BadgeTone> = { draft: "slate", published: "green", deprecated: "amber", retired: "red" };
export const STATUS_BAR: Record<string, string> = { draft: "bg-slate-300", published: "bg-emerald-500", deprecated: "bg-amber-400", retired: "bg-red-400" };
export const STATUS_ORDER = ["published", "draft", "deprecated", "retired"] as const;

const CLASSIFICATION_TONE: Record<string, BadgeTone> = { public: "sky", internal: "blue", confidential: "violet", restricted: "rose" };

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONE[status] ?? "slate"} dot testId="status-badge">
      {capitalize(status)}
    </Badge>
  );
}

export function ClassificationBadge({ classification }: { classification: string }) {
  return (
    <Badge tone={CLASSIFICATION_TONE[classification] ?? "slate"} title={`Classification: ${classification}`} testId="classification-badge">
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M8 1.75 3 3.75v3.5c0 3.1 2.1 5.6 5 6.999 2.9-1.4 5-3.9 5-7V3.75l-5-2Z" strokeLinejoin="round" />
      </svg>
      {capitalize(classification)}
    </Badge>
  );
}

export function PersonalDataBadge() {
  return (
    <Badge tone="amber" title="This product contains personal data" testId="personal-data-badge">
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor">
        <path d="M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-5 6.25C3 11.9 5.24 10 8 10s5 1.9 5 4.25a.75.75 0 0 1-.75.75h-8.5A.75.75 0 0 1 3 14.25Z" />
      </svg>
      Contains personal data
    </Badge>
  );
}
