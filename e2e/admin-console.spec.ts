import { expect, signInApi, signInPage, test } from "./support/fixtures";

// The admin console: people and their roles on one tab, domains and teams on the other; a domain that still has
// products is not deleted, and the page says why.

test("the admin makes a person a steward on the People tab, and the change is audited", async ({ page }) => {
  await signInPage(page, "admin@meshwork.dev");
  await page.goto("/admin");
  await page.getByRole("tab", { name: "Domains and teams" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/tab=people/);
  const people = page.getByTestId("people-admin");
  await people.getByRole("searchbox", { name: "Find a person" }).fill("omar@");
  const row = people.getByTestId("person-row").filter({ hasText: "omar@meshwork.dev" });
  await expect(people.getByTestId("person-row")).toHaveCount(1);
  await expect(row).toContainText("Orders / Order Platform (member)");
  await row.getByLabel("Role of Omar Haddad").selectOption("steward");
  await expect(row.getByRole("status")).toHaveText("Saved: now steward");

  const audit = await page.request.get("/api/v1/audit-events?action=user.role.set");
  const events = (await audit.json()).items as { summary: string }[];
  expect(events.some((e) => e.summary === "omar@meshwork.dev is now steward (was user)")).toBe(true);
  // Back as it was, for the other tests.
  await row.getByLabel("Role of Omar Haddad").selectOption("user");
  await expect(row.getByRole("status")).toHaveText("Saved: now user");
});

test("a domain with products cannot be deleted: the dialog says why and the domain stays", async ({ page }) => {
  await signInPage(page, "admin@meshwork.dev");
  await page.goto("/admin");
  const orders = page.getByTestId("domain-orders");
  await orders.getByRole("button", { name: "Delete Orders" }).first().click();
  const dialog = page.getByTestId("domain-orders-delete");
  await dialog.getByRole("button", { name: "Delete domain" }).click();
  await expect(dialog.getByRole("alert")).toContainText(/Orders still has \d+ data products/);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(orders).toBeVisible();
});

test("people who are not admins are refused the users API and role changes", async ({ playwright, baseURL }) => {
  const steward = await playwright.request.newContext({ baseURL });
  await signInApi(steward, "steward@meshwork.dev");
  expect((await steward.get("/api/v1/users")).status()).toBe(403);
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, "admin@meshwork.dev");
  const omar = ((await (await admin.get("/api/v1/users?q=omar@")).json()).items as { id: string }[])[0];
  expect((await steward.patch(`/api/v1/users/${omar.id}`, { data: { role: "admin" }, headers: { origin: baseURL! } })).status()).toBe(403);
  expect((await steward.delete("/api/v1/domains/orders", { headers: { origin: baseURL! } })).status()).toBe(403);
});
