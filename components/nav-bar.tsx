import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { canRegisterProducts, isAdmin, isSteward } from "@/lib/auth/permissions";
import { AccountMenu } from "./account-menu";
import { NavMenu } from "./nav-menu";
import { navRow } from "./nav-row";
import { NotificationBell } from "./notifications/notification-bell";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";

export function NavBar({ actor }: { actor: Actor | null }) {
  const links = actor
    ? [
        { href: "/", label: "Home" },
        { href: "/search", label: "Discover" },
        { href: "/domains", label: "Domains" },
        ...(canRegisterProducts(actor) ? [{ href: "/products/new", label: "Register product" }] : []),
        { href: "/subscriptions", label: "My subscriptions" },
        { href: "/incidents", label: "Incidents" },
        // Team owners decide their products' access requests; stewards those that need governance and contract versions.
        ...(isSteward(actor) || actor.memberships.some((m) => m.role === "owner") ? [{ href: "/approvals", label: "Approvals" }] : []),
        ...(isSteward(actor) ? [{ href: "/governance", label: "Governance" }] : []),
        ...(isSteward(actor) ? [{ href: "/audit", label: "Audit log" }] : []),
        // Datasets that OpenLineage events report but no port declares (app/lineage/datasets).
        ...(isSteward(actor) ? [{ href: "/lineage/datasets", label: "Unregistered data" }] : []),
        ...(isAdmin(actor) ? [{ href: "/admin", label: "Admin" }] : []),
      ]
    : [];
  const accountLinks = [
    { href: "/settings/account", label: "Account" },
    { href: "/settings/tokens", label: "API tokens" },
  ];
  const who = actor && (
    <span className="text-slate-600" data-testid="current-user">
      {actor.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{actor.role}</span>
    </span>
  );
  return (
    <header className="relative border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex h-14 max-w-screen-2xl items-center gap-4 px-4 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold text-slate-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white">
            M
          </span>
          Meshwork
        </Link>
        {actor ? (
          <>
            <NavMenu links={links} accountLinks={accountLinks} footer={<>{who}<SignOutButton /></>} />
            <div className={`flex items-center gap-3 text-sm ${navRow(links).push}`}>
              <NotificationBell />
              <ThemeToggle />
              <span className={`hidden ${navRow(links).block}`}>
                <AccountMenu name={actor.name} role={actor.role} links={accountLinks} />
              </span>
            </div>
          </>
        ) : (
          <span className="ml-auto">
            <ThemeToggle />
          </span>
        )}
      </nav>
    </header>
  );
}
