import Link from "next/link";
import type { ReactNode } from "react";

/** One design for the pages that say "you cannot be here": not found (404) and forbidden (403). */
export function StatusPage({ code, title, children, testId }: { code: 403 | 404; title: string; children: ReactNode; testId: string }) {
  return (
    <div className="mx-auto max-w-lg py-20 text-center" data-testid={testId}>
      <p className="text-sm font-semibold text-slate-700">
        {code} · {code === 404 ? "Not found" : "Not allowed"}
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <div className="mt-2 text-slate-700">{children}</div>
      <p className="mt-6 flex justify-center gap-6 text-sm font-medium">
        <Link href="/" className="text-brand-700 underline underline-offset-2 hover:text-brand-600">
          Go to your home page
        </Link>
        <Link href="/search" className="text-brand-700 underline underline-offset-2 hover:text-brand-600">
          Search the catalog
        </Link>
      </p>
    </div>
  );
}
