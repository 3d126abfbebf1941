import { ApprovalsInbox } from "@/components/approvals/approvals-inbox";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { listApprovalInbox } from "@/lib/approvals/list-approval-inbox";

export const metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const actor = await pageActor();
  const { items } = await listApprovalInbox(actor);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Approvals</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          What waits for your decision: requests for access to your team&apos;s products and, for governance stewards, requests that involve sensitive data and incompatible new contract versions. Nobody decides their own request.
        </p>
      </header>
      <ApprovalsInbox initialItems={jsonified(items)} />
    </div>
  );
}
