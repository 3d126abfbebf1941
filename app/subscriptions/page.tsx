import Link from "next/link";
import { MySubscriptions } from "@/components/subscriptions/my-subscriptions";
import { jsonified } from "@/components/ui/jsonified";
import { isSteward } from "@/lib/auth/permissions";
import { pageActor } from "@/lib/auth/page-actor";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";

export const metadata = { title: "My subscriptions" };

export default async function SubscriptionsPage() {
  const actor = await pageActor();
  const { items } = await listSubscriptions(actor, { mine: "true" });
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">My subscriptions</h1>
          <p className="mt-1 text-sm text-slate-600">Access your teams have requested: where each request stands in its approval chain, whether the grant is applied, and when it ends. Renew before it expires, or end it when you no longer need it.</p>
        </div>
        {isSteward(actor) && (
          <Link href="/subscriptions/reconciliation" className="text-sm font-medium text-brand-700 hover:underline">
            Grant reconciliation
          </Link>
        )}
      </header>
      <MySubscriptions initialItems={jsonified(items)} />
    </div>
  );
}
