import type { Account, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import GitHubProvider from "next-auth/providers/github";
import type { TokenSet } from "openid-client";
import type { SsoProfile } from "./link-sso-identity";

/** The claims Meshwork reads from an OpenID Connect provider (ID token and userinfo merged). */
export type OidcClaims = {
  iss?: string;
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
};

type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

/**
 * Any OpenID Connect provider, found through its discovery document. The ID token of a provider that
 * follows the spec's default carries little more than `sub`: the e-mail address, whether it is verified, and
 * the name come from the userinfo endpoint, which is asked whenever the ID token lacks them.
 */
export function oidcProvider({ issuer, clientId, clientSecret, name }: OidcSettings): OAuthConfig<OidcClaims> {
  return {
    id: "oidc",
    name,
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    userinfo: {
      async request({ tokens, client }) {
        // next-auth hands over openid-client's TokenSet (typed as its plain parameters).
        const set = tokens as unknown as TokenSet;
        const fromIdToken = set.id_token ? (set.claims() as unknown as OidcClaims) : undefined;
        if (fromIdToken?.email && fromIdToken.email_verified !== undefined) return fromIdToken as unknown as Profile;
        // With the TokenSet, openid-client checks that the userinfo `sub` is the ID token's.
        const fromUserinfo = (await client.userinfo(set)) as unknown as OidcClaims;
        return { ...fromIdToken, ...fromUserinfo, iss: fromIdToken?.iss ?? issuer } as unknown as Profile;
      },
    },
    profile: (p) => ({ id: p.sub, name: p.name ?? p.preferred_username ?? p.email ?? p.sub, email: p.email ?? null }),
  };
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub (OAuth, not OIDC): the address is verified when GitHub's own list of the user's addresses says so. */
export function gitHubProvider({ clientId, clientSecret }: { clientId: string; clientSecret: string }) {
  const base = GitHubProvider({ clientId, clientSecret });
  return {
    ...base,
    userinfo: {
      url: "https://api.github.com/user",
      async request({ client, tokens }: { client: { userinfo: (token: string) => Promise<Record<string, unknown>> }; tokens: { access_token?: string } }) {
        const profile = await client.userinfo(tokens.access_token!);
        const response = await fetch("https://api.github.com/user/emails", { headers: { Authorization: `token ${tokens.access_token}`, Accept: "application/vnd.github+json" } });
        const emails: GitHubEmail[] = response.ok ? await response.json() : [];
        const chosen = emails.find((e) => e.verified && e.email === profile.email) ?? emails.find((e) => e.verified && e.primary) ?? emails.find((e) => e.verified);
        return { ...profile, email: chosen?.email ?? profile.email ?? null, email_verified: Boolean(chosen) };
      },
    },
  } as typeof base;
}

/** The identity a sign-in through `account.provider` stands for, or null for providers that are not single sign-on. */
export function ssoProfileFrom(user: User, account: Account, profile: Profile | undefined): SsoProfile | null {
  const claims = (profile ?? {}) as Record<string, unknown>;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  if (account.provider === "oidc") {
    return { issuer: String(claims.iss ?? ""), subject: account.providerAccountId, email: user.email, emailVerified: verified, name: user.name };
  }
  if (account.provider === "github") {
    return { issuer: "https://github.com", subject: account.providerAccountId, email: user.email, emailVerified: verified, name: user.name };
  }
  return null;
}
