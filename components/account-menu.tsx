"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { Avatar } from "@/components/ui/avatar";
import { usePopover } from "@/components/ui/use-popover";
import type { NavLink } from "./nav-row";
import { SignOutButton } from "./sign-out-button";

/** The header's account button on wide screens (the person's initials): a panel with their name, role, account links and Sign out. */
export function AccountMenu({ name, role, links }: { name: string; role: string; links: NavLink[] }) {
  const { open, setOpen, panelId, wrapper, button } = usePopover();
  const pathname = usePathname();
  // A followed link closes the panel.
  useEffect(() => setOpen(false), [pathname, setOpen]);

  return (
    <div ref={wrapper} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="current-user"
        title={`${name} (${role})`}
        className="flex items-center gap-1 rounded-full p-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        <Avatar name={name} />
        <span className="sr-only">
          {name}, {role}: account menu
        </span>
        <svg aria-hidden viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="m4 6 4 4 4-4" />
        </svg>
      </button>
      {open && (
        <div id={panelId} data-testid="account-menu" className="absolute right-0 z-40 mt-2 w-56 rounded-xl border border-slate-200 bg-white py-1 text-sm shadow-lg">
          <p className="border-b border-slate-100 px-4 py-2.5">
            <span className="block font-medium text-slate-900">{name}</span>
            <span className="text-xs text-slate-600">Role: {role}</span>
          </p>
          <ul className="py-1">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="block px-4 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="border-t border-slate-100 px-4 py-2">
            <SignOutButton />
          </div>
        </div>
      )}
    </div>
  );
}
