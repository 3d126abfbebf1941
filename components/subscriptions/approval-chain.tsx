import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatRelative } from "@/components/ui/format-date";
import type { ChainStep } from "./subscription-types";

const STEP_STATE: Record<string, { label: string; tone: BadgeTone } | undefined> = {
  waiting: { label: "Waiting", tone: "slate" },
  pending: { label: "Deciding now", tone: "amber" },
  approved: { label: "Approved", tone: "green" },
  rejected: { label: "Rejected", tone: "red" },
  skipped: { label: "Skipped", tone: "slate" },
};

export const stepTitle = (step: ChainStep) => (step.kind === "steward" ? "A governance steward" : `An owner of ${step.team?.name ?? "the owning team"}`);

/** The ordered approval steps of a request, each with why it is needed and, once there is one, its decision. */
export function ApprovalChain({ steps, autoApproved = false, testId = "approval-chain", sent = false }: { steps: ChainStep[]; autoApproved?: boolean; testId?: string; sent?: boolean }) {
  if (steps.length === 0 || autoApproved) {
    return (
      <p data-testid={testId} data-auto-approved="true" className="flex items-start gap-2 rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-900">
        <svg aria-hidden viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="m5 10.5 3 3 7-7.5" />
        </svg>
        <span>
          <strong className="font-medium">No approval needed.</strong> {sent ? "The request was approved at once." : "The request is approved as soon as you send it."}
        </span>
      </p>
    );
  }
  return (
    <ol data-testid={testId} className="space-y-2">
      {steps.map((step, i) => {
        const state = step.state ? STEP_STATE[step.state] : undefined;
        return (
          <li key={i} data-testid="approval-step" data-kind={step.kind} data-state={step.state} className="flex gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2.5">
            <span className="grid h-6 w-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">{i + 1}</span>
            <div className="min-w-0 flex-1 text-sm">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                {stepTitle(step)}
                {state && (
                  <Badge tone={state.tone} dot>
                    {state.label}
                  </Badge>
                )}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">{step.reason}</p>
              {step.decidedBy && (
                <p className="mt-1 text-xs text-slate-600">
                  {step.state === "rejected" ? "Rejected" : "Approved"} by {step.decidedBy.name}
                  {step.decidedAt && <> {formatRelative(step.decidedAt)}</>}
                  {step.comment && <> — “{step.comment}”</>}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
