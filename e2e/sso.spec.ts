// Single sign-on against a real OpenID Connect provider (npm `oidc-provider`) that this spec starts on
// localhost. Like the spec's default, the provider puts only `sub` in the ID token and the profile
// (email, email_verified, name) in the userinfo response.
import type { Browser, Page } from "@playwright/test";
import { startTestOidcProvider, TEST_OIDC, type TestOidcProvider } from "./support/test-oidc-provider";
import { expect, signInPage, test, unique } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

let provider: TestOidcProvider | undefined;

test.beforeAll(async () => {
  provider = await startTestOidcProvider();
});

test.afterAll(async () => {
  await provider?.stop();
});

/** The sign-in page's message (inside <main>: Next's route announcer is an alert too). */
const signInMessage = (page: Page) => page.getByRole("main").getByRole("alert");
const outcome = (page: Page) => page.getByTestId("current-user").or(signInMessage(page));

/** Starts single sign-on from Meshwork's sign-in page and lands on the provider's login page. */
async function openProviderLogin(page: Page) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${TEST_OIDC.name}` }).click();
  await page.waitForURL((url) => url.origin === TEST_OIDC.issuer && url.pathname.startsWith("/interaction/"));
}

/** Signs in on the provider as `login` (see test-oidc-provider.ts), grants consent when asked, and waits until Meshwork answers. */
async function signInWithSso(page: Page, login: string) {
  await openProviderLogin(page);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in", exact: true }).click();
  const consent = page.getByRole("button", { name: "Continue", exact: true });
  await expect(consent.or(outcome(page)).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(outcome(page).first()).toBeVisible();
}

/**
 * A page in a browser of its own. Not the same page after clearCookies(): a response still in flight from the
 * signed-in page (next-auth's /api/auth/session renews the session cookie) sets the cookie again, and the sign-in
 * page then sends the "signed-out" browser home.
 */
async function freshBrowserPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

async function me(page: Page) {
  const response = await page.request.get("/api/v1/me");
  return { status: response.status(), body: response.ok() ? await response.json() : null };
}

test("the first SSO sign-in creates a user; the second signs the same user in again", async ({ page, browser }) => {
  const email = `${unique("sso")}@example.test`;
  await signInWithSso(page, email);
  await expect(page.getByTestId("current-user")).toContainText("user");
  const first = await me(page);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ email, role: "user" });

  // Another browser, with neither Meshwork's session nor the provider's: the second sign-in goes through the provider again.
  const elsewhere = await freshBrowserPage(browser);
  expect((await me(elsewhere)).status).toBe(401);
  await signInWithSso(elsewhere, email);
  await expect(elsewhere.getByTestId("current-user")).toBeVisible();
  const second = await me(elsewhere);
  expect(second.body).toMatchObject({ id: first.body.id, email, role: "user" });
});

test("an unverified e-mail address of an existing account does not get in", async ({ page }) => {
  await signInWithSso(page, "unverified:admin@meshwork.dev");
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(signInMessage(page)).toContainText("may not sign in");
  await expect(signInMessage(page)).toContainText("not verified");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
  expect((await me(page)).status).toBe(401);
});

test("a verified e-mail address of a password account is not attached without an explicit link", async ({ page }) => {
  await signInWithSso(page, "analyst@meshwork.dev");
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(signInMessage(page)).toContainText("may not sign in");
  await expect(signInMessage(page)).toContainText("password");
  expect((await me(page)).status).toBe(401);
});

test("the owner of a password account links their identity on the account page, and single sign-on then signs them in", async ({ page, browser }, testInfo) => {
  // A link cannot be undone here, so a retry links another demo account instead of finding the first one linked.
  const email = ["omar@meshwork.dev", "ivan@meshwork.dev", "fiona@meshwork.dev"][testInfo.retry] ?? "sofia@meshwork.dev";
  await signInPage(page, email);
  const own = await me(page);
  await page.goto("/settings/account");
  const card = page.getByTestId("sso-identities");
  await expect(card).toContainText("No single sign-on identity is linked");
  await card.getByRole("button", { name: `Link my ${TEST_OIDC.name} identity` }).click();
  await page.waitForURL((url) => url.origin === TEST_OIDC.issuer);
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in", exact: true }).click();
  const consent = page.getByRole("button", { name: "Continue", exact: true });
  await expect(consent.or(card).first()).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(card).toContainText(TEST_OIDC.issuer);
  await expect(card).toContainText(email);

  const elsewhere = await freshBrowserPage(browser);
  await signInWithSso(elsewhere, email);
  await expect(elsewhere.getByTestId("current-user")).toBeVisible();
  expect((await me(elsewhere)).body).toMatchObject({ id: own.body.id, email });
});

test("a sign-in the provider refuses says the provider refused it", async ({ page }) => {
  await openProviderLogin(page);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(outcome(page).first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(signInMessage(page)).toContainText("refused the sign-in");
  expect((await me(page)).status).toBe(401);
});

test("a provider that is down says it cannot be reached", async ({ page }) => {
  await provider?.stop();
  provider = undefined;
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${TEST_OIDC.name}` }).click();
  await expect(page).toHaveURL(/\/sign-in\?/);
  await expect(signInMessage(page)).toContainText("cannot be reached");
});
