"use client";

import { signIn } from "next-auth/react";

/** Starts single sign-on while signed in: coming back, the identity is linked to this account. */
export function LinkSsoIdentityButton({ providerId, providerName }: { providerId: string; providerName: string }) {
  return (
    <button
      type="button"
      onClick={() => void signIn(providerId, { callbackUrl: "/settings/account?sso=linked" })}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50"
    >
      Link my {providerName} identity
    </button>
  );
}
