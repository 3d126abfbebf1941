import Link from "next/link";
import type { ReactNode } from "react";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import { StatusBadge } from "@/components/ui/product-badges";
import type { DashboardProduct, HomeDashboard as Dashboard } from "@/lib/home/get-home-dashboard";

const productHref = (p: DashboardProduct) => `/products/${p.domain.slug}/${p.slug}`;

function ProductRow({ product, now, extra }: { product: DashboardProduct; now: number; extra?: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2.5">
      <Link href={productHref(product)} className="font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline">
        {product.name}
      </Link>
      <StatusBadge status={product.status} />
      <span className="text-xs text-slate-600">
        {product.domain.name} / {product.team.name}
      </span>
      <span className="ml-auto text-xs text-slate-600">
        {extra ?? (
          <time dateTime={product.updatedAt.toISOString()} title={formatDateTime(product.updatedAt.toISOString())}>
            changed {formatRelative(product.updatedAt.toISOString(), now)}
          </time>
        )}
      </span>
    </li>
  );
}

function List({ children }: { children: ReactNode }) {
  return <ul className="divide-y divide-slate-100">{children}</ul>;
}

/** Home: each person's own work first, then what moves in their domains and the mesh. */
export function HomeDashboard({ name, dashboard, now, canRegister }: { name: string; dashboard: Dashboard; now: number; canRegister: boolean }) {
  const { teams, teamProducts, approvalsWaiting, approvalsWaitingTotal, myRequests, recentInDomains, mostUsed } = dashboard;
  return (
    <div className="space-y-6" data-testid="home-dashboard">
      <header className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Welcome, {name.split(" ")[0]}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {teams.length > 0 ? `Your teams: ${teams.map((t) => t.name).join(", ")}.` : "You are in no team yet: you can discover products and request access for a team an admin adds you to."}
          </p>
        </div>
        <form action="/search" role="search" className="flex max-w-2xl gap-2">
          <label htmlFor="home-search" className="sr-only">
            Search data products
          </label>
          <input id="home-search" name="q" type="search" placeholder="Search data products, e.g. orders, customers…" className="w-full rounded-lg border border-slate-300 bg-white px-3.5 py-2 text-sm" />
          <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Search
          </button>
        </form>
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="home-approvals" title={`Waiting on you${approvalsWaitingTotal ? ` (${approvalsWaitingTotal})` : ""}`} description="Requests and contract versions you may decide." action={approvalsWaitingTotal > 0 ? <Link href="/approvals" className="text-sm font-medium text-brand-700 underline underline-offset-2">Open the inbox</Link> : undefined}>
          {approvalsWaiting.length === 0 ? (
            <EmptyState compact icon={null} title="Nothing waits on you">Requests for your teams&apos; products and contract versions to approve appear here.</EmptyState>
          ) : (
            <List>
              {approvalsWaiting.map((a) => (
                <li key={a.id} className="px-5 py-2.5 text-sm">
                  <Link href={`/approvals#request-${a.id}`} className="font-medium text-slate-900 underline-offset-2 hover:text-brand-700 hover:underline">
                    {a.title}
                  </Link>
                  <span className="ml-2 text-xs whitespace-nowrap text-slate-600">waiting {formatRelative(a.waitingSince.toISOString(), now).replace(/ ago$/, "")}</span>
                  {a.purpose && <p className="mt-0.5 line-clamp-1 text-xs text-slate-600">{a.purpose}</p>}
                </li>
              ))}
            </List>
          )}
        </Section>

        <Section id="home-requests" title="Your open requests" description="Access your teams asked for that is not active yet." action={<Link href="/subscriptions" className="text-sm font-medium text-brand-700 underline underline-offset-2">My subscriptions</Link>}>
          {myRequests.length === 0 ? (
            <EmptyState compact icon={null} title="No open requests">Find a product in the catalog and choose “Request access”.</EmptyState>
          ) : (
            <List>
              {myRequests.map((r) => (
                <ProductRow key={r.id} product={r.product} now={now} extra={<>{r.state === "pending_approval" ? "waiting for approval" : "access being granted"} · {r.portName} for {r.team}</>} />
              ))}
            </List>
          )}
        </Section>
      </div>

      <Section id="home-team-products" title="Your teams' products" description="Everything your teams own, drafts included." action={canRegister ? <Link href="/products/new" className="text-sm font-medium text-brand-700 underline underline-offset-2">Register a product</Link> : undefined}>
        {teamProducts.length === 0 ? (
          <EmptyState compact icon={null} title={teams.length ? "Your teams own no products yet" : "You are in no team"}>
            {teams.length
              ? "Register your team's first data product: a Kafka topic, the table materialized from it and their contract."
              : canRegister
                ? "As a platform admin you can register a product for any team, or add yourself to a team in Admin."
                : "Ask a platform admin to add you to your team."}
          </EmptyState>
        ) : (
          <List>
            {teamProducts.map((p) => (
              <ProductRow key={p.id} product={p} now={now} />
            ))}
          </List>
        )}
      </Section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="home-recent" title="Recently changed in your domains">
          {recentInDomains.length === 0 ? (
            <EmptyState compact icon={null} title="Nothing changed lately">Products of your teams&apos; domains appear here when they change.</EmptyState>
          ) : (
            <List>
              {recentInDomains.map((p) => (
                <ProductRow key={p.id} product={p} now={now} />
              ))}
            </List>
          )}
        </Section>
        <Section id="home-most-used" title="Most used in the mesh" description="By teams with active subscriptions.">
          {mostUsed.length === 0 ? (
            <EmptyState compact icon={null} title="No active subscriptions yet">When teams get access to products, the most used ones are listed here.</EmptyState>
          ) : (
            <List>
              {mostUsed.map(({ product, subscribers }) => (
                <ProductRow key={product.id} product={product} now={now} extra={`${subscribers} subscribing team${subscribers === 1 ? "" : "s"}`} />
              ))}
            </List>
          )}
        </Section>
      </div>
    </div>
  );
}
