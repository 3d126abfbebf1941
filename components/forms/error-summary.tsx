"use client";

import { useEffect, useId, useRef, type MouseEvent } from "react";
import { problemsHeading, problemText, type FormProblem } from "./form-problems";

function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const field = document.getElementById(id);
  if (!field) return;
  // Focus the control itself rather than jump to the anchor, so the user can fix it straight away.
  event.preventDefault();
  field.scrollIntoView({ block: "center" });
  field.focus({ preventScroll: true });
}

/**
 * "There are N problems": the form's problems, each a link that focuses its field. It takes the focus whenever
 * `focusKey` changes (a failed submit, see use-form-validation.ts), so a screen reader reads it and a keyboard user
 * starts from it.
 */
export function ErrorSummary({ problems, focusKey = 0, intro, testId = "error-summary", headingLevel = 2 }: { problems: FormProblem[]; focusKey?: number; intro?: string; testId?: string; headingLevel?: 2 | 3 }) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (problems.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={headingId}
      data-testid={testId}
      className="rounded-lg border-2 border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 focus:outline-2 focus:outline-offset-2 focus:outline-red-600"
    >
      <Heading id={headingId} className="text-base font-semibold">
        {problemsHeading(problems.length)}
      </Heading>
      {intro && <p className="mt-0.5">{intro}</p>}
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {problems.map((p, i) => (
          <li key={`${p.id ?? ""}-${i}`}>
            {p.where && <code className="mr-1.5 rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs text-red-800 ring-1 ring-red-200">{p.where}</code>}
            {p.id ? (
              <a href={`#${p.id}`} onClick={(e) => focusField(e, p.id!)} className="font-medium text-red-800 underline underline-offset-2 hover:no-underline">
                {problemText(p)}
              </a>
            ) : (
              problemText(p)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
