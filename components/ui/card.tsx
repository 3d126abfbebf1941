import type { ReactNode } from "react";

export function Card({ children, className = "", testId, id }: { children: ReactNode; className?: string; testId?: string; id?: string }) {
  return (
    <div id={id} data-testid={testId} className={`rounded-xl border border-slate-200 bg-white shadow-[0_1px_2px_rgba(15,23,42,0.04)] ${className}`}>
      {children}
    </div>
  );
}

/** A titled card section, as used on detail pages. */
export function Section({ title, description, action, children, id, className = "" }: { title: string; description?: ReactNode; action?: ReactNode; children: ReactNode; id?: string; className?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <Card className={className}>
      <section aria-labelledby={headingId}>
        <header className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-100 px-5 py-3.5">
          <div>
            <h2 id={headingId} className="text-sm font-semibold text-slate-900">
              {title}
            </h2>
            {description && <p className="mt-0.5 text-xs text-slate-500">{description}</p>}
          </div>
          {action}
        </header>
        <div>{children}</div>
      </section>
    </Card>
  );
}
