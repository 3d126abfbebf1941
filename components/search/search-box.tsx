"use client";

import { useEffect, useRef } from "react";

const isTypingTarget = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/** The search field: autofocused, and `/` anywhere on the page jumps back to it. */
export function SearchBox({ value, onChange, busy }: { value: string; onChange: (value: string) => void; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.key !== "/" || e.metaKey || e.ctrlKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="group relative">
      <svg aria-hidden viewBox="0 0 20 20" className="pointer-events-none absolute top-1/2 left-3.5 h-5 w-5 -translate-y-1/2 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.7">
        <circle cx="9" cy="9" r="5.5" />
        <path d="m13.5 13.5 3.5 3.5" strokeLinecap="round" />
      </svg>
      <input
        ref={input}
        type="search"
        autoFocus
        aria-label="Search data products"
        data-testid="search-input"
        placeholder="Search by name, tag, topic, team…"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !value) e.currentTarget.blur();
        }}
        autoComplete="off"
        spellCheck={false}
        className="h-12 w-full rounded-xl border border-slate-300 bg-white pr-12 pl-11 sm:pr-20 text-[15px] shadow-sm outline-none transition placeholder:text-slate-400 focus:border-brand-500 focus:ring-4 focus:ring-brand-500/15 [&::-webkit-search-cancel-button]:hidden"
      />
      <div className="absolute top-1/2 right-3 flex -translate-y-1/2 items-center gap-2">
        {busy && (
          <span role="status" aria-label="Searching" data-testid="search-loading" className="h-4 w-4 animate-spin rounded-full border-2 border-slate-200 border-t-brand-500" />
        )}
        {value ? (
          <button type="button" aria-label="Clear search" onClick={() => { onChange(""); input.current?.focus(); }} className="grid h-6 w-6 place-items-center rounded-md text-slate-400 hover:bg-slate-100 hover:text-slate-700">
            <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
              <path d="m4 4 8 8M12 4l-8 8" />
            </svg>
          </button>
        ) : (
          <kbd className="hidden rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-sans text-xs text-slate-500 sm:inline" title="Press / to search">
            /
          </kbd>
        )}
      </div>
    </div>
  );
}
