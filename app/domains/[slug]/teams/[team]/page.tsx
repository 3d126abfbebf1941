import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { notFound } from "next/navigation";
import { DomainProductsTable } from "@/components/domain/domain-products-table";
import { TeamCard } from "@/components/domain/team-card";
import { jsonified } from "@/components/ui/jsonified";
import { TeamWebhookSettings } from "@/components/webhooks/team-webhook-settings";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/or-not-found";
import { pathParam } from "@/lib/http/path-param";
import { getDomain } from "@/lib/org/get-domain";
import { getTeamWebhook } from "@/lib/webhooks/get-team-webhook";

type Params = Promise<{ slug: string; team: string }>;

export const metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Params }) {
  const { slug, team: teamSlug } = await params;
  const actor = await pageActor();
  const domain = await orNotFound(getDomain(actor, pathParam(slug)));
  const team = domain.teams.find((t) => t.slug === pathParam(teamSlug));
  if (!team) notFound();
  const manages = isAdmin(actor) || ownerOfTeam(actor, team.id);
  const webhook = manages ? await getTeamWebhook(actor, team.id) : null;
  // getDomain keeps only the products the caller may see: a team's drafts for its members, stewards and admins.
  const products = domain.products.filter((p) => p.teamId === team.id);
  return (
    <div className="space-y-6" data-testid="team-page">
      <header className="space-y-3">
        <Breadcrumbs items={[{ label: "Domains", href: "/domains" }, { label: domain.name, href: `/domains/${domain.slug}` }, { label: team.name }]} />
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{team.name}</h1>
      </header>
      <section aria-labelledby="products-heading" className="space-y-3">
        <h2 id="products-heading" className="text-sm font-semibold text-slate-900">
          Data products <span className="font-normal text-slate-500">{products.length}</span>
        </h2>
        <DomainProductsTable domainSlug={domain.slug} products={products} scope="team" />
      </section>
      <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-sm font-semibold text-slate-900">
            Members
          </h2>
          <TeamCard team={team} withName={false} productCount={products.length} />
        </section>
        <div>
          {webhook ? (
            <TeamWebhookSettings teamId={team.id} initial={jsonified(webhook)} />
          ) : (
            <p className="rounded-xl border border-slate-200 bg-white p-5 text-sm text-slate-700">The team&apos;s owners manage its webhook and see its deliveries here. Ask one of them (listed on the left) to change it.</p>
          )}
        </div>
      </div>
    </div>
  );
}
