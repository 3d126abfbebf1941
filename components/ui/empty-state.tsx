import type { ReactNode } from "react";

/** The icon of an empty search result (other empty states show an empty tray). */
export const SEARCH_ICON = (
  <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6">
    <circle cx="9" cy="9" r="5.5" />
    <path d="m13.5 13.5 3.5 3.5" strokeLinecap="round" />
  </svg>
);

/** A dashed panel saying what is missing and what to do about it. */
export function EmptyState({ title, children, action, icon, testId, compact = false }: { title: string; children?: ReactNode; action?: ReactNode; icon?: ReactNode; testId?: string; compact?: boolean }) {
  return (
    <div data-testid={testId} className={`flex flex-col items-center text-center ${compact ? "px-4 py-6" : "rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14"}`}>
      {icon !== null && (
        <div className="mb-3 grid h-10 w-10 place-items-center rounded-full bg-slate-100 text-slate-400">
          {icon ?? (
            <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round">
              <path d="M3 11.5 5 4.5h10l2 7v4H3v-4Z" />
              <path d="M3 11.5h4l1 2h4l1-2h4" />
            </svg>
          )}
        </div>
      )}
      <p className={`font-medium text-slate-900 ${compact ? "text-sm" : ""}`}>{title}</p>
      {children && <div className="mt-1 max-w-md text-sm text-slate-500">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
