import type { Account, Profile, User } from "next-auth";
import { initialRoleFor } from "./initial-role";
import { linkSsoIdentity, type InitialRole } from "./link-sso-identity";
import { ssoProfileFrom } from "./oidc-provider-config";

/**
 * next-auth's signIn callback for single sign-on: resolves the identity to a Meshwork user (which becomes the
 * session's subject) or sends the browser back to the sign-in page with the reason it may not sign in.
 */
export async function ssoSignIn({ user, account, profile }: { user: User; account: Account; profile?: Profile }, initialRole: InitialRole = initialRoleFor): Promise<true | string> {
  const sso = ssoProfileFrom(user, account, profile);
  if (!sso?.issuer || !sso.subject) return "/sign-in?error=AccessDenied";
  const result = await linkSsoIdentity(sso, initialRole);
  if (!result.ok) return `/sign-in?error=AccessDenied&reason=${result.reason}`;
  user.id = result.userId;
  return true;
}
