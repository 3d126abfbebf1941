"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { navRow, type NavLink } from "./nav-row";

const isCurrent = (pathname: string, href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));

/**
 * The header's links: in a row on wide screens (navRow); behind a "Menu" button below that, where the account links and
 * the person's name go into the same panel.
 */
export function NavMenu({ links, accountLinks, footer }: { links: NavLink[]; accountLinks: NavLink[]; footer: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const row = navRow(links);
  // A followed link closes the menu.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- closing on navigation is the point
  useEffect(() => setOpen(false), [pathname]);

  const item = (l: NavLink, className: string) => (
    <Link key={l.href} href={l.href} aria-current={isCurrent(pathname, l.href) ? "page" : undefined} className={`${className} aria-[current=page]:font-semibold aria-[current=page]:text-slate-900`}>
      {l.label}
    </Link>
  );

  return (
    <>
      <div className={`hidden items-center gap-4 ${row.show}`}>{links.map((l) => item(l, "text-sm whitespace-nowrap text-slate-600 hover:text-slate-900"))}</div>
      <button type="button" className={`ml-auto rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 ${row.hide}`} aria-expanded={open} aria-controls="nav-menu-panel" onClick={() => setOpen((o) => !o)}>
        {open ? "Close menu" : "Menu"}
      </button>
      {open && (
        <div id="nav-menu-panel" className={`absolute inset-x-0 top-14 z-40 border-b border-slate-200 bg-white px-6 py-4 shadow-lg ${row.hide}`}>
          <ul className="grid gap-1 sm:grid-cols-2">
            {[...links, ...accountLinks].map((l) => (
              <li key={l.href}>{item(l, "block rounded-md px-2 py-2 text-sm text-slate-700 hover:bg-slate-100")}</li>
            ))}
          </ul>
          <div className="mt-3 flex items-center justify-between border-t border-slate-100 pt-3 text-sm">{footer}</div>
        </div>
      )}
    </>
  );
}
