import { forbidden } from "next/navigation";
import { AuditLog } from "@/components/audit/audit-log";
import { VerifyChain } from "@/components/audit/verify-chain";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  const actor = await pageActor();
  if (!isSteward(actor)) forbidden();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">Every change that matters, who made it and what it changed. Click a row to see the before/after.</p>
      </header>
      <VerifyChain />
      <AuditLog />
    </div>
  );
}
