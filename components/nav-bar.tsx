import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, isSteward } from "@/lib/auth/permissions";
import { SignOutButton } from "./sign-out-button";

export function NavBar({ actor }: { actor: Actor | null }) {
  const links = actor
    ? [
        { href: "/", label: "Home" },
        { href: "/search", label: "Discover" },
        { href: "/domains", label: "Domains" },
        ...(actor.memberships.length > 0 || isAdmin(actor) ? [{ href: "/products/new", label: "Register product" }] : []),
        { href: "/subscriptions", label: "My subscriptions" },
        // Team owners decide their products' access requests; stewards those that need governance and contract versions.
        ...(isSteward(actor) || actor.memberships.some((m) => m.role === "owner") ? [{ href: "/approvals", label: "Approvals" }] : []),
        ...(isSteward(actor) ? [{ href: "/audit", label: "Audit log" }] : []),
        ...(isAdmin(actor) ? [{ href: "/admin", label: "Admin" }] : []),
      ]
    : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <span className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">M</span>
          Meshwork
        </Link>
        {links.map((l) => (
          <Link key={l.href} href={l.href} className="text-sm text-slate-600 hover:text-slate-900">
            {l.label}
          </Link>
        ))}
        {actor && (
          <div className="ml-auto flex items-center gap-4 text-sm">
            <Link href="/settings/account" className="text-slate-600 hover:text-slate-900">
              Account
            </Link>
            <Link href="/settings/tokens" className="text-slate-600 hover:text-slate-900">
              API tokens
            </Link>
            <span className="text-slate-500" data-testid="current-user">
              {actor.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{actor.role}</span>
            </span>
            <SignOutButton />
          </div>
        )}
      </nav>
    </header>
  );
}
