import { MySubscriptions } from "@/components/subscriptions/my-subscriptions";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { listSubscriptions } from "@/lib/subscriptions/list-subscriptions";

export const metadata = { title: "My subscriptions" };

export default async function SubscriptionsPage() {
  const actor = await pageActor();
  const { items } = await listSubscriptions(actor, { mine: "true" });
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">My subscriptions</h1>
        <p className="mt-1 text-sm text-slate-600">Access your teams have requested: where each request stands in its approval chain, and whether the grant is applied.</p>
      </header>
      <MySubscriptions initialItems={jsonified(items)} />
    </div>
  );
}
