import { AdminConsole } from "@/components/admin/admin-console";
import { forbidden } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/org/list-teams";
import { teamKafkaPrincipal, teamPostgresRole } from "@/lib/provisioning/team-principals";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) forbidden();
  // Grants go to these when an admin has set none; the rule lives in lib/provisioning, so the server fills them in.
  const teams = await listTeams(actor, {});
  const principalDefaults = Object.fromEntries(teams.map((t) => [t.id, { kafkaPrincipal: teamKafkaPrincipal({ slug: t.slug, kafkaPrincipal: null, postgresRole: null }), postgresRole: teamPostgresRole({ slug: t.slug, kafkaPrincipal: null, postgresRole: null }) }]));
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Organisation</h1>
        <p className="mt-1 text-sm text-slate-600">Domains, their teams, who is in them and the service principals their access is granted to. Every change is written to the audit log.</p>
      </header>
      <AdminConsole principalDefaults={principalDefaults} />
    </div>
  );
}
