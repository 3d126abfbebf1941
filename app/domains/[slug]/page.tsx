import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import Link from "next/link";
import { cache } from "react";
import { DomainProductsTable } from "@/components/domain/domain-products-table";
import { StatusBar } from "@/components/domain/status-bar";
import { TeamCard } from "@/components/domain/team-card";
import { pageActor } from "@/lib/auth/page-actor";
import { orNotFound } from "@/lib/http/or-not-found";
import { getDomain } from "@/lib/org/get-domain";
import { pathParam } from "@/lib/http/path-param";

type Params = Promise<{ slug: string }>;

const loadDomain = cache(async (slug: string) => {
  const actor = await pageActor();
  return orNotFound(getDomain(actor, pathParam(slug)));
});

export async function generateMetadata({ params }: { params: Params }) {
  const domain = await loadDomain((await params).slug);
  return { title: domain.name };
}

export default async function DomainPage({ params }: { params: Params }) {
  const domain = await loadDomain((await params).slug);
  const counts: Record<string, number> = {};
  for (const p of domain.products) counts[p.status] = (counts[p.status] ?? 0) + 1;
  return (
    <div className="space-y-8" data-testid="domain-page">
      <header className="space-y-3">
        <Breadcrumbs items={[{ label: "Domains", href: "/domains" }, { label: domain.name }]} />
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="max-w-3xl">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{domain.name}</h1>
            {domain.description && <p className="mt-1 text-sm text-slate-500">{domain.description}</p>}
          </div>
          <Link href={`/search?domain=${encodeURIComponent(domain.slug)}`} className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
            Search this domain
          </Link>
        </div>
        <div className="max-w-md">
          <StatusBar counts={counts} />
        </div>
      </header>

      <section aria-labelledby="products-heading" className="space-y-3">
        <h2 id="products-heading" className="text-sm font-semibold text-slate-900">
          Data products <span className="font-normal text-slate-400">{domain.products.length}</span>
        </h2>
        <DomainProductsTable domainSlug={domain.slug} products={domain.products} />
      </section>

      <section aria-labelledby="teams-heading" className="space-y-3">
        <h2 id="teams-heading" className="text-sm font-semibold text-slate-900">
          Teams <span className="font-normal text-slate-400">{domain.teams.length}</span>
        </h2>
        {domain.teams.length === 0 ? (
          <p className="text-sm text-slate-400">No teams in this domain yet.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {domain.teams.map((t) => (
              <TeamCard key={t.id} team={t} href={`/domains/${domain.slug}/teams/${t.slug}`} productCount={domain.products.filter((p) => p.teamId === t.id).length} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
