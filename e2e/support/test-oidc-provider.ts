// A real OpenID Connect provider (npm `oidc-provider`, with its development login pages) on a fixed
// localhost port, for the single sign-on end-to-end tests. e2e/support/serve.ts hands the same issuer and
// client to the Next server at start; the spec starts and stops the provider itself.
import type { Server } from "node:http";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

export const TEST_OIDC = {
  port: E2E_PORT + 2,
  issuer: `http://localhost:${E2E_PORT + 2}`,
  clientId: "meshwork-e2e",
  clientSecret: "meshwork-e2e-client-secret",
  name: "Test SSO",
  redirectUri: `http://localhost:${E2E_PORT}/api/auth/callback/oidc`,
};

/** The environment the Next server needs to offer the test provider. */
export const testOidcEnv = () => ({
  OIDC_ISSUER: TEST_OIDC.issuer,
  OIDC_CLIENT_ID: TEST_OIDC.clientId,
  OIDC_CLIENT_SECRET: TEST_OIDC.clientSecret,
  OIDC_NAME: TEST_OIDC.name,
});

/**
 * The login typed on the provider's login page decides the account: `someone@example.test` is a user whose
 * address the provider has verified, `unverified:someone@example.test` one whose address it has not. The
 * subject is the login itself, so the same login is the same identity every time.
 */
function claimsFor(login: string) {
  const unverified = login.startsWith("unverified:");
  const email = unverified ? login.slice("unverified:".length) : login;
  return { sub: login, email, email_verified: !unverified, name: `SSO ${email.split("@")[0]}` };
}

export type TestOidcProvider = { stop: () => Promise<void> };

export async function startTestOidcProvider(): Promise<TestOidcProvider> {
  const { default: Provider } = await import("oidc-provider");
  const provider = new Provider(TEST_OIDC.issuer, {
    clients: [
      {
        client_id: TEST_OIDC.clientId,
        client_secret: TEST_OIDC.clientSecret,
        redirect_uris: [TEST_OIDC.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // As the spec's default (and oidc-provider's): the ID token carries `sub`, the profile comes from userinfo.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => claimsFor(id) }),
    // Plain http on localhost: SameSite=None cookies would need Secure, so keep them Lax.
    cookies: { keys: ["meshwork-e2e-cookie-key"], long: { sameSite: "lax" }, short: { sameSite: "lax" } },
    features: { devInteractions: { enabled: true } },
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(TEST_OIDC.port, () => resolve(s));
    s.once("error", reject);
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
