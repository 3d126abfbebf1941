import type { SsoRefusal } from "./link-sso-identity";

const MAY_NOT: Record<SsoRefusal, string> = {
  email_unverified:
    "This account may not sign in with single sign-on: your provider has not verified the e-mail address it gave for you. Verify the address with your provider, or sign in with your e-mail and password.",
  password_account:
    "This account may not sign in with single sign-on: the Meshwork account with this e-mail address has a password, and only its owner or an admin can link a single sign-on identity to it. Sign in with your password, or ask an admin.",
  unverified_account:
    "This account may not sign in with single sign-on: the Meshwork account with this e-mail address was created from an address no provider had verified. Ask an admin to link your identity.",
  identity_taken: "This single sign-on identity is already linked to another Meshwork account.",
  no_email: "This account may not sign in: your single sign-on provider did not give an e-mail address. Ask your provider's administrator to release the e-mail claim to Meshwork.",
};

/**
 * The sign-in page's message for next-auth's `?error=` codes (and Meshwork's `&reason=`): it tells a provider
 * that cannot be reached from one that refused the sign-in from an account that may not sign in.
 */
export function signInErrorMessage(error: string, reason?: string): string {
  switch (error) {
    case "OAuthSignin":
      return "The single sign-on provider cannot be reached, so the sign-in could not start. Try again later, or sign in with your e-mail and password.";
    case "OAuthCallback":
    case "Callback":
      return "The single sign-on provider refused the sign-in, or did not complete it. Try again, or ask your provider's administrator.";
    case "AccessDenied":
      return reason && Object.hasOwn(MAY_NOT, reason) ? MAY_NOT[reason as SsoRefusal] : "This account may not sign in to Meshwork.";
    case "OAuthAccountNotLinked":
    case "OAuthCreateAccount":
      return "This account may not sign in with single sign-on. Ask an admin to link your identity.";
    case "Configuration":
      return "Sign-in is not configured correctly on this server. Tell your Meshwork administrator.";
    case "SessionRequired":
      return "Sign in to see that page.";
    case "CredentialsSignin":
      return "Wrong e-mail or password.";
    default:
      return "Sign-in failed. Try again.";
  }
}
