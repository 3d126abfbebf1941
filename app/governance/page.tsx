import { forbidden } from "next/navigation";
import Link from "next/link";
import { GovernanceView } from "@/components/governance/governance-view";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";
import { getAccessMetrics } from "@/lib/governance/get-access-metrics";

export const metadata = { title: "Governance" };

export default async function GovernancePage() {
  const actor = await pageActor();
  if (!isSteward(actor)) forbidden();
  const metrics = await getAccessMetrics(actor, {});
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Governance</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          How quickly consumers get access, how much the policy approves at once and what waits for a decision. The decisions themselves are in <Link href="/approvals" className="font-medium text-brand-700 hover:underline">Approvals</Link>; every change is in the <Link href="/audit" className="font-medium text-brand-700 hover:underline">audit log</Link>.
        </p>
      </header>
      <GovernanceView metrics={jsonified(metrics)} />
    </div>
  );
}
