import { RoleRequired } from "@/components/ui/role-required";
import { ApprovalsInbox } from "@/components/contracts/approvals-inbox";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";
import { listPendingApprovals } from "@/lib/contracts/list-pending-approvals";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await pageActor();
  if (!isSteward(actor)) return <RoleRequired title="Approvals are for governance stewards" message="New major contract versions are approved by governance stewards and platform admins. Ask one of them if a version of yours is waiting." />;
  const items = await listPendingApprovals(actor);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Approvals</h1>
        <p className="mt-1 text-sm text-slate-600">New major contract versions that break compatibility wait here. Approving one makes it the port&apos;s active version; rejecting it leaves the current version live.</p>
      </header>
      <ApprovalsInbox initialItems={items} />
    </div>
  );
}
