import type { ReactNode } from "react";

export type BadgeTone = "slate" | "blue" | "green" | "amber" | "red" | "violet" | "rose" | "sky";

const TONES: Record<BadgeTone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-500/15",
  blue: "bg-brand-50 text-brand-700 ring-brand-600/20",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/25",
  red: "bg-red-50 text-red-700 ring-red-600/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20",
  rose: "bg-rose-50 text-rose-700 ring-rose-600/20",
  sky: "bg-sky-50 text-sky-700 ring-sky-600/20",
};

const DOTS: Record<BadgeTone, string> = {
  slate: "bg-slate-400",
  blue: "bg-brand-500",
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  violet: "bg-violet-500",
  rose: "bg-rose-500",
  sky: "bg-sky-500",
};

export function Badge({ tone = "slate", dot = false, title, children, testId }: { tone?: BadgeTone; dot?: boolean; title?: string; children: ReactNode; testId?: string }) {
  return (
    <span title={title} data-testid={testId} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {dot && <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${DOTS[tone]}`} />}
      {children}
    </span>
  );
}

/** A tag chip: quieter than a badge, optionally a link target is handled by the caller. */
export function Tag({ children }: { children: ReactNode }) {
  return <span className="inline-flex items-center rounded-full border border-slate-200 bg-white px-2 py-0.5 text-xs text-slate-600">#{children}</span>;
}
