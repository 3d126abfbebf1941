import type { ContractCheckResult, PublishResult } from "./contract-api";

const tones = {
  ok: "border-emerald-200 bg-emerald-50 text-emerald-900",
  warn: "border-amber-200 bg-amber-50 text-amber-900",
  bad: "border-red-200 bg-red-50 text-red-900",
  idle: "border-slate-200 bg-slate-50 text-slate-600",
};

const modeName = (mode?: string) => mode ?? "the port's mode";

/** What publishing the checked text would do, in one sentence plus the reasons. */
export function ContractVerdict({ result, pending, problem, published }: { result: ContractCheckResult | undefined; pending: boolean; problem?: string; published?: PublishResult }) {
  let tone: keyof typeof tones = "idle";
  let headline: string;
  let reasons: string[] = [];
  if (published) {
    tone = published.status === "active" ? "ok" : "warn";
    headline = published.status === "active" ? `Published: version ${published.version} is live.` : `Submitted: version ${published.version} waits for a steward's approval.`;
  } else if (problem) {
    tone = "bad";
    headline = problem;
  } else if (!result) {
    headline = pending ? "Checking the contract…" : "Type or load a contract to check it.";
  } else if (!result.valid) {
    tone = "bad";
    headline = `Invalid: ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} to fix before it can be published.`;
  } else if (result.outcome === "would-activate") {
    tone = "ok";
    headline = result.previousVersion
      ? `Compatible with ${result.previousVersion} under ${modeName(result.compatibilityMode)} — version ${result.version} will go live at once.`
      : `First version of this port's contract — version ${result.version} will go live at once.`;
  } else if (result.outcome === "needs-approval") {
    tone = "warn";
    headline = `Incompatible with ${result.previousVersion ?? "the active version"} under ${modeName(result.compatibilityMode)} — as a new major version (${result.version}) it will need a steward's approval.`;
    reasons = result.reasons.slice(1);
  } else if (result.outcome === "refused") {
    tone = "bad";
    headline = `Refused: version ${result.version} is incompatible with ${result.previousVersion ?? "the active version"} under ${modeName(result.compatibilityMode)}.`;
    reasons = result.reasons;
  } else {
    headline = `Version ${result.version} would be saved as a draft.`;
  }
  return (
    <div role="status" aria-live="polite" data-testid="contract-verdict" data-outcome={published ? "published" : problem ? "error" : (result?.outcome ?? "none")} aria-busy={pending} className={`rounded-lg border px-4 py-3 text-sm ${tones[tone]}`}>
      <p className="flex items-start gap-2 font-medium">
        <span aria-hidden className="mt-0.5">
          {tone === "ok" ? "✓" : tone === "warn" ? "!" : tone === "bad" ? "✕" : "…"}
        </span>
        <span>{headline}</span>
      </p>
      {reasons.length > 0 && (
        <ul className="mt-2 ml-6 list-disc space-y-1 text-[13px]" data-testid="verdict-reasons">
          {reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
