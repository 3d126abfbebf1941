import { forbidden } from "next/navigation";
import { AdminConsole } from "@/components/admin/admin-console";
import { AdminTabs, type AdminTab } from "@/components/admin/admin-tabs";
import { PeopleAdmin } from "@/components/admin/people-admin";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/org/list-teams";
import { teamKafkaPrincipal, teamPostgresRole } from "@/lib/provisioning/team-principals";

export const metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const actor = await pageActor();
  if (!isAdmin(actor)) forbidden();
  const tab: AdminTab = (await searchParams).tab === "people" ? "people" : "organisation";
  // Grants go to these when an admin has set none; the rule lives in lib/provisioning, so the server fills them in.
  const teams = tab === "organisation" ? await listTeams(actor, {}) : [];
  const principalDefaults = Object.fromEntries(teams.map((t) => [t.id, { kafkaPrincipal: teamKafkaPrincipal({ slug: t.slug, kafkaPrincipal: null, postgresRole: null }), postgresRole: teamPostgresRole({ slug: t.slug, kafkaPrincipal: null, postgresRole: null }) }]));
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="mt-1 text-sm text-slate-600">Domains, teams, who is in them, their service principals, and people&apos;s roles. Every change is written to the audit log.</p>
      </header>
      <AdminTabs current={tab} />
      <div role="tabpanel" aria-label={tab === "people" ? "People" : "Domains and teams"}>{tab === "people" ? <PeopleAdmin /> : <AdminConsole principalDefaults={principalDefaults} />}</div>
    </div>
  );

}
