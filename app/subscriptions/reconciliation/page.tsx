import { forbidden } from "next/navigation";
import { ReconciliationPanel } from "@/components/subscriptions/reconciliation-panel";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";
import { getReconciliation } from "@/lib/provisioning/request-reconciliation";

export const metadata = { title: "Grant reconciliation" };

export default async function ReconciliationPage() {
  const actor = await pageActor();
  if (!isSteward(actor)) forbidden();
  const reconciliation = await getReconciliation(actor);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Grant reconciliation</h1>
        <p className="mt-1 text-sm text-slate-600">What subscriptions grant, compared with what PostgreSQL holds, and every repair the worker made.</p>
      </header>
      <ReconciliationPanel initial={jsonified(reconciliation)} />
    </div>
  );
}
