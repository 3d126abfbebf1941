import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { SsoIdentitiesCard } from "@/components/account/sso-identities-card";
import { Card } from "@/components/ui/card";
import { pageActor } from "@/lib/auth/page-actor";

export const metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ sso?: string }> }) {
  const actor = await pageActor();
  const { sso } = await searchParams;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
        <p className="mt-1 text-sm text-slate-600">
          {actor.name} · <span data-testid="account-email">{actor.email}</span> · {actor.role}
        </p>
      </header>
      <Card className="max-w-2xl p-5" testId="sessions">
        <h2 className="font-semibold text-slate-900">Sessions</h2>
        <p className="mt-0.5 mb-4 text-sm text-slate-500">Signed in on a computer you no longer use, or think someone has your session? End every session at once.</p>
        <SignOutEverywhere />
      </Card>
      <SsoIdentitiesCard actor={actor} status={sso} />
    </div>
  );
}
