import { IncidentsTable } from "@/components/quality/incidents-table";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { listIncidents } from "@/lib/quality/incidents";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  const actor = await pageActor();
  const incidents = await listIncidents(actor, { state: "open" });
  return (
    <div className="space-y-6" data-testid="incidents-page">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Incidents</h1>
        <p className="mt-1 text-sm text-slate-600">
          Open quality incidents across the mesh: a check of severity error that fails on a product you can see. Each closes itself when its check passes again, or an owner of the product&apos;s team resolves it with a reason. {incidents.total} open.
        </p>
      </header>
      <IncidentsTable incidents={jsonified(incidents)} />
    </div>
  );
}
