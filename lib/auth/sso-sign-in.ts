import type { Account, Profile, User } from "next-auth";
import { initialRoleFor } from "./initial-role";
import { linkSsoIdentity, type InitialRole, type LinkOptions } from "./link-sso-identity";
import { ssoProfileFrom } from "./oidc-provider-config";

/**
 * next-auth's signIn callback for single sign-on: resolves the identity to a Meshwork user (which becomes the
 * session's subject) or sends the browser back to the sign-in page with the reason it may not sign in.
 */
export async function ssoSignIn(
  { user, account, profile }: { user: User; account: Account; profile?: Profile },
  initialRole: InitialRole = initialRoleFor,
  options: LinkOptions = {},
): Promise<true | string> {
  // A signed-in owner linking their identity goes back to the account page, which tells them what happened.
  const refused = (reason?: string) => (options.linkToUserId ? `/settings/account?sso=${reason ?? "refused"}` : `/sign-in?error=AccessDenied${reason ? `&reason=${reason}` : ""}`);
  const sso = ssoProfileFrom(user, account, profile);
  if (!sso?.issuer || !sso.subject) return refused();
  const result = await linkSsoIdentity(sso, initialRole, options);
  if (!result.ok) return refused(result.reason);
  user.id = result.userId;
  return true;
}
