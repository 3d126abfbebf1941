"use client";

import { useState } from "react";
import { describedBy, FieldError } from "@/components/ui/field";
import { normalizeTag, tagProblem } from "@/lib/catalog/descriptor-rules";

/**
 * Tags as chips: Enter or comma adds one, Backspace on an empty box removes the last. A tag the server would refuse
 * (too long, characters it does not take, a duplicate, one too many) is refused as it is typed, with the reason, and
 * stays in the box to be corrected.
 */
export function TagInput({ id, value, onChange, error }: { id: string; value: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const [draft, setDraft] = useState("");
  const [refusal, setRefusal] = useState<string | undefined>();

  function add(raw: string) {
    const next = [...value];
    const refused: string[] = [];
    let reason: string | undefined;
    for (const tag of raw.split(",").map(normalizeTag).filter(Boolean)) {
      const problem = tagProblem(tag, next);
      if (problem) {
        refused.push(tag);
        reason ??= problem;
      } else next.push(tag);
    }
    if (next.length !== value.length) onChange(next);
    setDraft(refused.join(", "));
    setRefusal(reason);
  }

  const shown = refusal ?? error;
  return (
    <>
      <div
        className={`flex min-h-[42px] flex-wrap items-center gap-1.5 rounded-md border bg-white px-2 py-1.5 shadow-sm focus-within:ring-2 ${shown ? "border-red-400 focus-within:ring-red-500/20" : "border-slate-300 focus-within:border-brand-500 focus-within:ring-brand-500/20"}`}
        data-testid="tag-input"
      >
        {value.map((tag) => (
          <span key={tag} data-testid="tag-chip" className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-600/20">
            {tag}
            <button type="button" aria-label={`Remove tag ${tag}`} onClick={() => onChange(value.filter((t) => t !== tag))} className="grid h-4 w-4 place-items-center rounded-full text-brand-600 hover:bg-brand-100">
              <svg aria-hidden viewBox="0 0 12 12" className="h-2.5 w-2.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
                <path d="m3 3 6 6M9 3 3 9" />
              </svg>
            </button>
          </span>
        ))}
        <input
          id={id}
          value={draft}
          onChange={(e) => {
            setRefusal(undefined);
            if (e.target.value.endsWith(",")) add(e.target.value);
            else setDraft(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              if (draft.trim()) add(draft);
            } else if (e.key === "Backspace" && !draft && value.length > 0) {
              onChange(value.slice(0, -1));
            }
          }}
          onBlur={() => draft.trim() && add(draft)}
          placeholder={value.length ? "Add another…" : "e.g. orders, events — press Enter to add"}
          className="min-w-[10rem] flex-1 border-0 bg-transparent px-1 py-0.5 text-sm outline-none placeholder:text-slate-400"
          {...(refusal ? describedBy(`${id}-refused`, refusal) : describedBy(id, error, true))}
        />
      </div>
      {/* role=alert: the refusal is announced at once, as the chip the user expected does not appear. */}
      <div role="alert">{refusal && <FieldError id={`${id}-refused`} error={`Not added: ${refusal}.`} />}</div>
    </>
  );
}
