import { NotificationCentre } from "@/components/notifications/notification-centre";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await pageActor();
  const initial = await listNotifications(actor, { pageSize: "20" });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">What needs you and what changed in what your teams use. Teams can also receive these as signed webhooks (team page).</p>
      </header>
      <NotificationCentre initial={jsonified(initial)} />
    </div>
  );
}
