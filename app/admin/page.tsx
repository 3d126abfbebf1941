import { AdminConsole } from "@/components/admin/admin-console";
import { RoleRequired } from "@/components/ui/role-required";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin } from "@/lib/auth/permissions";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <RoleRequired title="Admins only" message="Managing domains, teams and members is for platform admins. Ask one if you need a team created or a person added." />;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Organisation</h1>
        <p className="mt-1 text-sm text-slate-600">Domains, their teams and who is in them. Every change is written to the audit log.</p>
      </header>
      <AdminConsole />
    </div>
  );
}
