import { DomainCard } from "@/components/domain/domain-card";
import { EmptyState } from "@/components/ui/empty-state";
import { pageActor } from "@/lib/auth/page-actor";
import { listDomains } from "@/lib/org/list-domains";

export const metadata = { title: "Domains" };

export default async function DomainsPage() {
  const actor = await pageActor();
  const domains = await listDomains(actor);
  const teams = domains.reduce((n, d) => n + d.teams.length, 0);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Domains</h1>
        <p className="mt-1 text-sm text-slate-500">
          {domains.length} {domains.length === 1 ? "domain" : "domains"} and {teams} {teams === 1 ? "team" : "teams"} own the data products of the mesh.
        </p>
      </div>
      {domains.length === 0 ? (
        <EmptyState title="No domains yet">A platform admin creates domains and their teams; then teams register their data products.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="domain-list">
          {domains.map((d) => (
            <DomainCard key={d.id} domain={d} />
          ))}
        </div>
      )}
    </div>
  );
}
