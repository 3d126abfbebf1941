import { LinkSsoIdentityButton } from "@/components/account/link-sso-identity-button";
import { Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/auth-options";
import { listSsoIdentities } from "@/lib/auth/list-sso-identities";

const STATUS: Record<string, string> = {
  linked: "Your single sign-on identity is linked: you can sign in with it from now on.",
  identity_taken: "That single sign-on identity is already linked to another Meshwork account, so it was not linked to yours.",
};

/** Account → Single sign-on: the identities linked to this account, and the explicit link a password account needs. */
export async function SsoIdentitiesCard({ actor, status }: { actor: Actor; status?: string }) {
  const providers = authOptions.providers.filter((p) => p.id !== "credentials");
  const identities = await listSsoIdentities(actor);
  if (providers.length === 0 && identities.length === 0) return null;
  const message = status ? (Object.hasOwn(STATUS, status) ? STATUS[status] : "The single sign-on identity could not be linked.") : null;
  return (
    <Card className="max-w-2xl p-5" testId="sso-identities">
      <h2 className="font-semibold text-slate-900">Single sign-on</h2>
      <p className="mt-0.5 mb-4 text-sm text-slate-500">
        Sign in with your organisation&apos;s identity provider. An account with a password is linked only here, by its owner, never by e-mail address alone.
      </p>
      {message && (
        <p role="status" className="mb-3 text-sm text-slate-700">
          {message}
        </p>
      )}
      {identities.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600">No single sign-on identity is linked to this account.</p>
      ) : (
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {identities.map((i) => (
            <li key={i.id} className="py-2">
              <span className="font-medium">{i.issuer}</span> · {i.email || "no e-mail address"} · linked {i.createdAt.toISOString().slice(0, 10)}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        {providers.map((p) => (
          <LinkSsoIdentityButton key={p.id} providerId={p.id} providerName={p.name} />
        ))}
      </div>
    </Card>
  );
}
