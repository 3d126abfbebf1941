"use client";

import { useEffect, useState } from "react";

/** A copy-to-clipboard button; "Copied" shows beside it (and is announced) for a moment after a copy. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    // relative: the screen-reader-only status stays inside whatever frame clips or scrolls the button, not widening the page.
    <span className="relative inline-flex shrink-0 items-center">
      <button
        type="button"
        aria-label={label}
        title={label}
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
        className="inline-flex h-6 w-6 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        {copied ? (
          <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5 text-emerald-700" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="m3.5 8.5 3 3 6-7" />
          </svg>
        ) : (
          <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 5.5V4A1.5 1.5 0 0 0 9 2.5H4A1.5 1.5 0 0 0 2.5 4v5A1.5 1.5 0 0 0 4 10.5h1.5" />
          </svg>
        )}
      </button>
      <span role="status" data-testid="copy-status" className={copied ? "ml-1 text-xs font-medium text-emerald-700" : "sr-only"}>
        {copied ? "Copied" : ""}
      </span>
    </span>
  );
}
