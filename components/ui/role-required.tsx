import Link from "next/link";

/** Shown instead of a page the signed-in user's role does not allow. */
export function RoleRequired({ title, message }: { title: string; message: string }) {
  return (
    <div className="mx-auto max-w-lg py-20 text-center" data-testid="role-required">
      <div className="mx-auto grid h-12 w-12 place-items-center rounded-full bg-amber-50 text-amber-600 ring-1 ring-amber-200">
        <svg aria-hidden viewBox="0 0 20 20" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.6">
          <rect x="4" y="9" width="12" height="8" rx="1.5" />
          <path d="M7 9V6.5a3 3 0 0 1 6 0V9" />
        </svg>
      </div>
      <h1 className="mt-4 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">{message}</p>
      <Link href="/search" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
        Back to the catalog
      </Link>
    </div>
  );
}
