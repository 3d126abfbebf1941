import { readFile } from "node:fs/promises";
import { expect, signInApi, signInPage, test } from "./support/fixtures";

// Product and contract pages read the same everywhere: breadcrumbs by name, full ids a click away, who published
// each contract version and what changed in its YAML; the audit log exports what it shows; the API has a reference.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

const crumbs = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem");

test("breadcrumbs name the domain, product, port and contract version, and link back up", async ({ page }) => {
  await signInPage(page, "olivia@meshwork.dev");
  await page.goto("/products/orders/orders");
  await expect(crumbs(page)).toHaveText(["Domains", "›Orders", "›Orders"]);
  await expect(crumbs(page).last().locator("[aria-current=page]")).toHaveText("Orders");

  await page.goto("/products/orders/orders/ports/order-events");
  await expect(crumbs(page)).toHaveText(["Domains", "›Orders", "›Orders", "›order-events", "›Contract v1.2.0"]);
  await page.goto("/products/orders/orders/ports/order-events?version=1.0.0");
  await expect(crumbs(page).last()).toHaveText("›Contract v1.0.0");

  await page.getByRole("main").getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Orders" }).first().click();
  await expect(page).toHaveURL(/\/domains\/orders$/);
  await expect(crumbs(page)).toHaveText(["Domains", "›Orders"]);
});

test("a cut-off URN shows in full as its tooltip, and its copy button copies it and says Copied", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInPage(page, "olivia@meshwork.dev");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/products/orders/orders/ports/order-events");
  const main = page.getByRole("main");
  const urn = "urn:meshwork:orders:orders:order-events";
  await expect(main.getByTestId("port-urn")).toHaveAttribute("title", urn);
  await expect(main.getByTestId("port-urn")).toHaveText(urn);
  await main.getByRole("button", { name: "Copy port URN" }).click();
  await expect(main.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(urn);

  await page.goto("/products/orders/orders");
  await expect(main.getByTestId("product-urn")).toHaveAttribute("title", "urn:meshwork:orders:orders");
  // The Details card no longer repeats the header's "Last changed" nor shows the raw id.
  const details = main.locator("section", { has: page.getByRole("heading", { name: "Details" }) });
  await expect(details).toContainText("Registered");
  await expect(details).not.toContainText("Last changed");
  await expect(details).not.toContainText("Product id");
});

test("the versions table shows who published each version, and the compare view the YAML text diff beside the semantic one", async ({ page }) => {
  await signInPage(page, "olivia@meshwork.dev");
  await page.goto("/products/orders/orders/ports/order-events?tab=versions");
  const main = page.getByRole("main");
  const rows = main.getByTestId("contract-version");
  await expect(rows).toHaveCount(3);
  // The demo mesh's contracts were published by the platform admin.
  await expect(rows.getByTestId("published-by")).toHaveText(["Ada Park", "Ada Park", "Ada Park"]);
  await expect(rows.first().getByRole("link", { name: "YAML of version 1.2.0" })).toHaveAttribute("href", /\?tab=yaml&version=1\.2\.0$/);

  const diff = main.getByTestId("contract-diff");
  await expect(diff.getByTestId("contract-change")).toContainText([/sales_channel/]);
  const added = diff.getByTestId("yaml-diff-line").and(page.locator("[data-kind=added]"));
  const removed = diff.getByTestId("yaml-diff-line").and(page.locator("[data-kind=removed]"));
  await expect(added.filter({ hasText: "version: 1.2.0" })).toHaveCount(1);
  await expect(removed.filter({ hasText: "version: 1.1.0" })).toHaveCount(1);
  await expect(added.filter({ hasText: "sales_channel" }).first()).toBeVisible();

  // Compare on the oldest pair: the diff follows.
  await rows.nth(1).getByRole("button", { name: "Compare version 1.1.0 with 1.0.0" }).click();
  await expect(added.filter({ hasText: "version: 1.1.0" })).toHaveCount(1);
  await expect(added.filter({ hasText: "coupon_code" }).first()).toBeVisible();
});

test("the steward filters the audit log by date, follows an entity link and downloads the filter as CSV; others are refused", async ({ page, browser }) => {
  await signInPage(page, "steward@meshwork.dev");
  await page.goto("/audit");
  const main = page.getByRole("main");
  const today = await page.evaluate(() => new Date().toLocaleDateString("en-CA"));
  await page.getByLabel("Entity type").selectOption({ label: "Data product" });
  await page.getByLabel("From", { exact: true }).fill("2000-01-01");
  await page.getByLabel("To", { exact: true }).fill(today);
  const rows = main.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();
  await expect.poll(async () => (await rows.locator("td:nth-child(5)").allTextContents()).every((entity) => entity.startsWith("data_product"))).toBe(true);

  const [download] = await Promise.all([page.waitForEvent("download"), main.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^meshwork-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe("id,at,actor,action,entity_type,entity_id,summary,before,after");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.split(",")[4] === "data_product")).toBe(true);

  // A day with no events yet: the list is empty, and so is the export but for its header.
  await page.getByLabel("From", { exact: true }).fill("2000-01-01");
  await page.getByLabel("To", { exact: true }).fill("2000-01-02");
  await expect(main.getByText("No events match these filters")).toBeVisible();

  await page.getByLabel("To", { exact: true }).fill(today);
  const link = rows.first().getByTestId("audit-entity-link");
  const name = await link.textContent();
  await link.click();
  await expect(page).toHaveURL(/\/products\/[^/]+\/[^/?]+$/);
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText(name!);

  const member = await browser.newContext();
  await signInApi(member.request, "olivia@meshwork.dev");
  const refused = await member.request.get("/api/v1/audit-events/export");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  await member.close();
});

test("the API tokens page links to the API reference, rendered by the portal itself under its Content-Security-Policy", async ({ page, baseURL }) => {
  // Nothing is fetched from a CDN: no script, style, font or image from another origin.
  const offSite: string[] = [];
  page.on("request", (request) => {
    if (/^https?:/.test(request.url()) && new URL(request.url()).origin !== new URL(baseURL!).origin) offSite.push(request.url());
  });
  await signInPage(page, "olivia@meshwork.dev");
  await page.goto("/settings/tokens");
  await page.getByRole("main").getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "Meshwork API reference" })).toBeVisible();
  const reference = page.getByTestId("api-reference");
  // Scalar renders the operations of /api/v1/openapi.json (the CSP guard of every test fails on a blocked style or script).
  await expect(reference.getByText("List domains with teams and product counts").first()).toBeVisible({ timeout: 20_000 });
  expect(offSite).toEqual([]);
});
