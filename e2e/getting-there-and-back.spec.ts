import { DEMO_PASSWORD, expect, signInPage, test } from "./support/fixtures";

// A person following a link while signed out comes back to it after signing in; nobody is sent to another site;
// mistakes keep them on the sign-in page; and the pages that refuse say so with the right HTTP status.

async function fillSignIn(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a deep link opened while signed out comes back after signing in", async ({ page }) => {
  await page.goto("/subscriptions?state=active");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await fillSignIn(page, "analyst@meshwork.dev", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/subscriptions\?state=active$/);
  await expect(page.getByTestId("current-user")).toBeVisible();
});

test("an off-site callbackUrl is ignored: signing in lands on the home dashboard", async ({ browser, baseURL }) => {
  for (const offSite of ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example"]) {
    // A browser of its own each time (after clearCookies, a response still in flight could sign the page in again).
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(offSite)}`);
    await fillSignIn(page, "analyst@meshwork.dev", DEMO_PASSWORD);
    await expect(page.getByTestId("home-dashboard")).toBeVisible();
    expect(page.url(), offSite).toBe(`${baseURL}/`);
    await context.close();
  }
});

test("a wrong password stays on the sign-in page with the message", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2Fsubscriptions");
  await fillSignIn(page, "analyst@meshwork.dev", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsubscriptions$/);
  // …and the next, right attempt still goes where the person was going.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/subscriptions$/);
});

test("a page the role does not allow answers 403 with the same design as not found", async ({ page }) => {
  await signInPage(page, "analyst@meshwork.dev");
  const forbidden = await page.goto("/admin");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("main").getByTestId("forbidden")).toContainText("403 · Not allowed");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You do not have access to this page");

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("main").getByTestId("not-found")).toContainText("404 · Not found");
});

test("home is each person's dashboard: their teams' products and what waits on them", async ({ page }) => {
  await signInPage(page, "olivia@meshwork.dev");
  await page.goto("/");
  const home = page.getByTestId("home-dashboard");
  await expect(home.getByRole("heading", { level: 1 })).toContainText("Welcome");
  await expect(home.getByRole("region", { name: "Your teams' products" }).getByRole("listitem").first()).toBeVisible();
  await expect(home.getByRole("region", { name: /Waiting on you/ })).toBeVisible();
  await expect(home.getByRole("region", { name: "Most used in the mesh" })).toBeVisible();
  await home.getByRole("searchbox", { name: "Search data products" }).fill("orders");
  await home.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=orders/);
});
