import type { APIRequestContext, Browser, Page } from "@playwright/test";
import pg from "pg";
import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique, type RegisteredProduct } from "./support/fixtures";
import { readServerInfo } from "./support/server-info";

// Access to a data product, end to end: an analyst requests it in the browser, the approvers decide in their inbox,
// the worker grants it in PostgreSQL, and the consumer team's role can then read the table (and could not before).

const ANALYST = "analyst@meshwork.dev"; // owner of Insights / Business Intelligence
const OTHER_ANALYST = "lena@meshwork.dev"; // owner of Insights / Data Science
const OWNER = "olivia@meshwork.dev"; // owner of Orders / Order Platform
const MEMBER = "omar@meshwork.dev"; // member of Orders / Order Platform
const OUTSIDE_OWNER = "paul@meshwork.dev"; // owner of Payments / Payment Processing
const STEWARD = "steward@meshwork.dev";

const tableName = (product: RegisteredProduct) => `analytics.${product.slug.replace(/-/g, "_")}`;

function tableContract(product: RegisteredProduct, { pii = false } = {}) {
  const table = product.slug.replace(/-/g, "_");
  return [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: ${product.urn}:table`,
    `name: ${product.slug} table`,
    "version: 1.0.0",
    "status: active",
    "schema:",
    `  - name: ${table}`,
    `    physicalName: analytics.${table}`,
    "    logicalType: object",
    "    physicalType: table",
    "    properties:",
    "      - name: order_id",
    "        logicalType: string",
    "        required: true",
    "        primaryKey: true",
    "      - name: customer_email",
    "        logicalType: string",
    ...(pii ? ["        classification: restricted", "        tags: [pii]"] : []),
    "",
  ].join("\n");
}

/** A published product of Order Platform with a topic and a table port whose contract is active (the worker creates the table from it). */
async function orderPlatformProduct(owner: APIRequestContext, name: string, extra: Record<string, unknown> = {}) {
  const productName = unique(name);
  const registered = await registerProduct(owner, descriptor("orders", "order-platform", productName, extra), { publish: true });
  const product = { ...registered, name: productName };
  const published = await owner.post(`/api/v1/ports/${encodeURIComponent(`${product.urn}:table`)}/contracts`, { data: { contract: tableContract(product, { pii: extra.containsPersonalData === true }) } });
  expect(published.status(), await published.text()).toBe(201);
  return product;
}

async function apiAs(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }, baseURL: string | undefined, email: string) {
  const request = await playwright.request.newContext({ baseURL });
  await signInApi(request, email);
  return request;
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInPage(page, email);
  return page;
}

async function waitForState(api: APIRequestContext, id: string, state: string) {
  await expect.poll(async () => (await (await api.get(`/api/v1/subscriptions/${id}`)).json()).state, { timeout: 30_000 }).toBe(state);
}

/** Runs `sql` on the e2e database as `role` (SET ROLE on a connection of its own); the error code, or "ok". */
async function selectAs(role: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: readServerInfo().databaseUrl });
  await client.connect();
  try {
    await client.query(`SET ROLE ${pg.escapeIdentifier(role)}`);
    await client.query(sql);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end();
  }
}

/** The consumer team's role exists before any grant (as it would for a team with access elsewhere), so "cannot read" means no privilege, not no role. */
async function ensureRole(role: string) {
  const client = new pg.Client({ connectionString: readServerInfo().databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${pg.escapeIdentifier(role)} NOLOGIN`);
  } catch (error) {
    if ((error as { code?: string }).code !== "42710") throw error; // duplicate_object: already there
  } finally {
    await client.end();
  }
}

test("an analyst requests a personal-data table; the owner and then a steward approve; the team's role can read it, and could not before", async ({ page, browser, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const product = await orderPlatformProduct(owner, "Customer Orders", { containsPersonalData: true });
  const table = tableName(product);

  // The owning team's own request is approved at once; its grant creates the table from the active contract.
  const own = await owner.post("/api/v1/subscriptions", { data: { port: `${product.urn}:table`, consumerTeam: "order-platform", purpose: "Our own reporting" } });
  expect(own.status(), await own.text()).toBe(201);
  await waitForState(owner, (await own.json()).id, "active");

  const role = `${readServerInfo().rolePrefix}team_business_intelligence`;
  await ensureRole(role);
  expect(await selectAs(role, `SELECT count(*) FROM ${table}`), "before approval").toBe("42501");

  await signInPage(page, ANALYST);
  await page.goto(productPath(product));
  const row = page.getByTestId("output-port").filter({ has: page.getByRole("link", { name: "table", exact: true }) });
  await row.getByTestId("request-port-access").click();
  const dialog = page.getByTestId("request-access-dialog");
  await expect(dialog.getByLabel("Output port").locator("option:checked")).toHaveText("table (table)");
  await expect(dialog.getByLabel("Consuming team")).toContainText("Business Intelligence");
  // The chain and why, before sending: the owning team, then a steward because of personal data.
  const steps = dialog.getByTestId("preview-chain").getByTestId("approval-step");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toHaveAttribute("data-kind", "owner");
  await expect(steps.nth(1)).toHaveAttribute("data-kind", "steward");
  await expect(steps.nth(1)).toContainText("personal data");
  const purpose = `Weekly churn dashboard ${unique("p")}`;
  await dialog.getByLabel("Purpose").fill(purpose);
  await dialog.getByTestId("send-request").click();
  await expect(dialog.getByTestId("request-access-sent")).toHaveAttribute("data-state", "pending_approval");

  await page.goto("/subscriptions");
  const mine = page.getByTestId("subscription").filter({ hasText: purpose });
  await expect(mine.getByTestId("subscription-state")).toHaveText("Waiting for approval");

  // The owner approves in the inbox, where the purpose and the wait are shown.
  const ownerPage = await pageAs(browser, OWNER);
  await ownerPage.goto("/approvals");
  const ownerItem = ownerPage.getByTestId("approval-item").filter({ hasText: purpose });
  await expect(ownerItem.getByTestId("approval-purpose")).toHaveText(purpose);
  await expect(ownerItem.getByTestId("approval-waited")).toContainText("waiting");
  await ownerItem.getByRole("button", { name: "Approve" }).click();
  await expect(ownerPage.getByTestId("approval-toast")).toContainText("next approver");
  await expect(ownerItem).toHaveCount(0);
  expect(await selectAs(role, `SELECT count(*) FROM ${table}`), "after the owner, before the steward").toBe("42501");

  const stewardPage = await pageAs(browser, STEWARD);
  await stewardPage.goto("/approvals");
  const stewardItem = stewardPage.getByTestId("approval-item").filter({ hasText: purpose });
  await expect(stewardItem.getByTestId("inbox-chain").getByTestId("approval-step").first()).toHaveAttribute("data-state", "approved");
  await stewardItem.getByRole("button", { name: "Approve" }).click();
  await expect(stewardItem).toHaveCount(0);

  // The analyst's page catches up without a reload.
  await expect(mine.getByTestId("subscription-state")).toHaveText("Active", { timeout: 30_000 });
  const grant = mine.getByTestId("grant");
  await expect(grant).toHaveAttribute("data-grant-state", "applied");
  await expect(grant).toContainText(role);
  await expect(grant).toContainText(table);
  expect(await selectAs(role, `SELECT count(*) FROM ${table}`), "after approval").toBe("ok");

  // The product page lists the new consumer.
  await page.goto(productPath(product));
  await expect(page.getByTestId("consumer").filter({ hasText: "Business Intelligence" })).toContainText(purpose);

  // Deprecating it now warns of both teams that read it (the owners' own and Business Intelligence).
  await ownerPage.goto(productPath(product));
  await ownerPage.getByRole("button", { name: "Deprecate" }).click();
  await expect(ownerPage.getByTestId("deprecate-subscribers-warning")).toContainText("2 subscribing teams");
});

test("an internal self-service port is granted without approval", async ({ page, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const product = await orderPlatformProduct(owner, "Order Counts");

  await signInPage(page, OTHER_ANALYST);
  await page.goto(productPath(product));
  await page.getByTestId("product-header").getByTestId("request-access").click();
  const dialog = page.getByTestId("request-access-dialog");
  await dialog.getByLabel("Output port").selectOption({ label: "table (table)" });
  await expect(dialog.getByTestId("preview-chain")).toHaveAttribute("data-auto-approved", "true");
  await dialog.getByLabel("Purpose").fill("Order volume forecast");
  await dialog.getByTestId("send-request").click();
  await expect(dialog.getByTestId("request-access-sent")).toHaveAttribute("data-state", /provisioning|active/);

  await page.goto("/subscriptions");
  const mine = page.getByTestId("subscription").filter({ hasText: product.name });
  await expect(mine.getByTestId("subscription-state")).toHaveText("Active", { timeout: 30_000 });
  await expect(mine.getByTestId("subscription-chain")).toHaveAttribute("data-auto-approved", "true");
  const role = `${readServerInfo().rolePrefix}team_data_science`;
  expect(await selectAs(role, `SELECT count(*) FROM ${tableName(product)}`)).toBe("ok");
});

test("an owner rejects a request with a reason, which the requester sees", async ({ page, browser, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const product = await orderPlatformProduct(owner, "Order Returns", { containsPersonalData: true });
  const requester = await apiAs(playwright, baseURL, OTHER_ANALYST);
  const purpose = `Returns analysis ${unique("p")}`;
  const created = await requester.post("/api/v1/subscriptions", { data: { port: `${product.urn}:table`, consumerTeam: "data-science", purpose } });
  expect(created.status(), await created.text()).toBe(201);

  const ownerPage = await pageAs(browser, OWNER);
  await ownerPage.goto("/approvals");
  const item = ownerPage.getByTestId("approval-item").filter({ hasText: purpose });
  // A rejection without a reason is not sent.
  await item.getByRole("button", { name: "Reject" }).click();
  const needsReason = item.getByTestId("reject-needs-reason");
  await expect(needsReason).toBeFocused();
  await needsReason.getByRole("link", { name: "Comment is required to reject: say why, so the requester knows what to change" }).click();
  await expect(item.getByRole("textbox")).toBeFocused();
  const reason = "Use the aggregated returns table; it has no e-mail addresses.";
  await item.getByRole("textbox").fill(reason);
  await item.getByRole("button", { name: "Reject" }).click();
  await expect(ownerPage.getByTestId("approval-toast")).toContainText(reason);
  await expect(item).toHaveCount(0);

  await signInPage(page, OTHER_ANALYST);
  await page.goto("/subscriptions");
  const mine = page.getByTestId("subscription").filter({ hasText: purpose });
  await expect(mine.getByTestId("subscription-state")).toHaveText("Rejected");
  await expect(mine.getByTestId("subscription-chain").getByTestId("approval-step").first()).toHaveAttribute("data-state", "rejected");
  await expect(mine).toContainText(reason);
});

test("nobody but the step's approvers can approve: not the requesting consumer, a member, or an owner of another domain", async ({ browser, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const product = await orderPlatformProduct(owner, "Order Payments", { containsPersonalData: true });
  const consumer = await apiAs(playwright, baseURL, ANALYST);
  const purpose = `Payment mix ${unique("p")}`;
  const created = await consumer.post("/api/v1/subscriptions", { data: { port: `${product.urn}:table`, consumerTeam: "business-intelligence", purpose } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();

  for (const email of [ANALYST, MEMBER, OUTSIDE_OWNER]) {
    const page = await pageAs(browser, email);
    await page.goto("/approvals");
    await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
    await expect(page.getByTestId("approval-item").filter({ hasText: purpose }), `${email}'s inbox`).toHaveCount(0);
    const api = email === ANALYST ? consumer : await apiAs(playwright, baseURL, email);
    const refused = await api.post(`/api/v1/subscriptions/${id}/approve`, { data: {} });
    expect([403, 404], `${email} approving`).toContain(refused.status());
  }
  await waitForState(consumer, id, "pending_approval");
});

test("an owner turns self-service off on the port page; the request form then shows the owner's approval step", async ({ page, browser, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const product = await orderPlatformProduct(owner, "Order Lines");

  const ownerPage = await pageAs(browser, OWNER);
  await ownerPage.goto(`${productPath(product)}/ports/table`);
  const settings = ownerPage.getByTestId("port-access-settings");
  await settings.getByLabel("Self-service").uncheck();
  await settings.getByLabel("Longest access, in days").fill("30");
  await settings.getByRole("button", { name: "Save access settings" }).click();
  await expect(settings.getByTestId("port-access-saved")).toBeVisible();

  await signInPage(page, OTHER_ANALYST);
  await page.goto(`${productPath(product)}/ports/table`);
  await expect(page.getByTestId("port-access-settings")).toHaveCount(0);
  await expect(page.getByTestId("port-access-summary")).toContainText("at most 30 days");
  await page.getByTestId("port-header").getByRole("button", { name: "Request access" }).click();
  const dialog = page.getByTestId("request-access-dialog");
  const steps = dialog.getByTestId("preview-chain").getByTestId("approval-step");
  await expect(steps).toHaveCount(1);
  await expect(steps.first()).toHaveAttribute("data-kind", "owner");
  await expect(steps.first()).toContainText("does not allow self-service");
  await expect(dialog.getByLabel("Duration in days")).toHaveValue("30");
});

test("a request to a product whose team has no owners goes to a governance steward, who approves it in the inbox", async ({ page, browser, playwright, baseURL }) => {
  const admin = await apiAs(playwright, baseURL, "admin@meshwork.dev");
  const slug = unique("ownerless").toLowerCase();
  const team = await admin.post("/api/v1/teams", { data: { domain: "orders", name: `Ownerless ${slug}`, slug } });
  expect(team.status(), await team.text()).toBe(201);
  const productName = unique("Orphan Orders");
  // Personal data, so the request needs the owning team; with no owners there, a steward decides in their place (once).
  const product = await registerProduct(admin, descriptor("orders", slug, productName, { containsPersonalData: true }), { publish: true });
  const published = await admin.post(`/api/v1/ports/${encodeURIComponent(`${product.urn}:table`)}/contracts`, { data: { contract: tableContract(product) } });
  expect(published.status(), await published.text()).toBe(201);

  await signInPage(page, OTHER_ANALYST);
  await page.goto(`${productPath(product)}/ports/table`);
  await page.getByTestId("port-header").getByRole("button", { name: "Request access" }).click();
  const dialog = page.getByTestId("request-access-dialog");
  const steps = dialog.getByTestId("preview-chain").getByTestId("approval-step");
  await expect(steps).toHaveCount(1);
  await expect(steps.first()).toHaveAttribute("data-kind", "steward");
  await expect(steps.first()).toContainText("no owner");
  const purpose = `Orphan check ${unique("p")}`;
  await dialog.getByLabel("Purpose").fill(purpose);
  await dialog.getByTestId("send-request").click();
  await expect(dialog.getByTestId("request-access-sent")).toHaveAttribute("data-state", "pending_approval");

  const stewardPage = await pageAs(browser, STEWARD);
  await stewardPage.goto("/approvals");
  const item = stewardPage.getByTestId("approval-item").filter({ hasText: purpose });
  await expect(item).toContainText("as a governance steward");
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(item).toHaveCount(0);

  await page.goto("/subscriptions");
  await expect(page.getByTestId("subscription").filter({ hasText: purpose }).getByTestId("subscription-state")).toHaveText("Active", { timeout: 30_000 });
});

test("an admin sets the PostgreSQL role a consumer team's grants go to, in the admin console", async ({ page, playwright, baseURL }) => {
  const admin = await apiAs(playwright, baseURL, "admin@meshwork.dev");
  const slug = unique("readers").toLowerCase();
  const created = await admin.post("/api/v1/teams", { data: { domain: "marketing", name: `Readers ${slug}`, slug } });
  expect(created.status(), await created.text()).toBe(201);

  await signInPage(page, "admin@meshwork.dev");
  await page.goto("/admin");
  const team = page.getByTestId(`team-marketing-${slug}`);
  const principals = team.locator("details");
  await expect(principals.locator("summary")).toContainText(`team_${slug.replace(/-/g, "_")}`);
  await expect(principals.locator("summary")).toContainText(`User:team-${slug}`);
  await principals.locator("summary").click();
  const role = `${readServerInfo().rolePrefix}readers_${Date.now().toString(36)}`;
  await team.getByLabel("PostgreSQL role").fill(role);
  await team.getByRole("button", { name: /Save principals/ }).click();
  await expect(team.locator("details summary")).toContainText(role);
});
