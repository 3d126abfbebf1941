import Link from "next/link";

export type Crumb = { label: string; href?: string };

/** Where a page sits, by names: Domains › Domain › Product › …; the last crumb is the page itself. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600" data-testid="breadcrumbs">
      <ol className="flex flex-wrap items-center gap-y-1">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.label}`} className="flex min-w-0 items-center">
              {i > 0 && (
                <span aria-hidden className="mx-2 text-slate-400">
                  ›
                </span>
              )}
              {last || !item.href ? (
                <span aria-current={last ? "page" : undefined} className="truncate font-medium text-slate-800">
                  {item.label}
                </span>
              ) : (
                <Link href={item.href} className="truncate underline-offset-2 hover:text-slate-900 hover:underline">
                  {item.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
