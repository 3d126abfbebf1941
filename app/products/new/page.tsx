import { RegisterProduct } from "@/components/product-form/register-product";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { EmptyState } from "@/components/ui/empty-state";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin } from "@/lib/auth/permissions";
import { listDomains } from "@/lib/org/list-domains";

export const metadata = { title: "Register a data product" };

export default async function NewProductPage() {
  const actor = await pageActor();
  const mine = new Set(actor.memberships.map((m) => m.teamId));
  const teams = (await listDomains(actor)).flatMap((d) =>
    d.teams.filter((t) => isAdmin(actor) || mine.has(t.id)).map((t) => ({ domainSlug: d.slug, domainName: d.name, teamSlug: t.slug, teamName: t.name })),
  );
  return (
    <div className="space-y-6">
      <header>
        <Breadcrumbs items={[{ label: "Catalog", href: "/search" }, { label: "Register" }]} />
        <h1 className="mt-3 text-2xl font-semibold tracking-tight">Register a data product</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">It starts as a draft that only your team, stewards and admins can see; publish it from its page when the ports and contract are ready.</p>
      </header>
      {teams.length === 0 ? (
        <EmptyState title="You are not in a team yet" testId="no-teams">
          Data products are owned by domain teams. Ask a platform admin to add you to a team, then come back here.
        </EmptyState>
      ) : (
        <RegisterProduct teams={teams} />
      )}
    </div>
  );
}
