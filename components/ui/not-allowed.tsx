import Link from "next/link";
import type { ReactNode } from "react";

/** Shown instead of a form the signed-in user may not use on this particular thing. */
export function NotAllowed({ title, children, backHref, backLabel, testId }: { title: ReactNode; children: ReactNode; backHref: string; backLabel: string; testId: string }) {
  return (
    <div className="mx-auto max-w-lg py-20 text-center" data-testid={testId}>
      <p className="text-sm font-semibold text-red-600">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{children}</p>
      <Link href={backHref} className="mt-6 inline-block text-brand-600 hover:underline">
        {backLabel}
      </Link>
    </div>
  );
}
