import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";
import { readServerInfo } from "./support/server-info";

// Subscriptions over time, in the browser: a consumer renews with one click (no steward step when nothing changed),
// the product's owner revokes with a reason, the worker takes the grant away (the role can no longer read), and a
// steward checks the grants now and sees the repairs.

const ANALYST = "lena@meshwork.dev"; // owner of Insights / Data Science
const OWNER = "olivia@meshwork.dev"; // owner of Orders / Order Platform
const STEWARD = "steward@meshwork.dev";
const SHOTS = process.env.E2E_SHOTS_DIR;

async function apiAs(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }, baseURL: string | undefined, email: string) {
  const request = await playwright.request.newContext({ baseURL });
  await signInApi(request, email);
  return request;
}

/** A published, self-service product of Order Platform whose table port has an active contract. */
async function tableProduct(owner: APIRequestContext) {
  const name = unique("Order Lines");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", name), { publish: true });
  const table = product.slug.replace(/-/g, "_");
  const contract = ["apiVersion: v3.1.0", "kind: DataContract", `id: ${product.urn}:table`, `name: ${product.slug} table`, "version: 1.0.0", "status: active", "schema:", `  - name: ${table}`, `    physicalName: analytics.${table}`, "    logicalType: object", "    physicalType: table", "    properties:", "      - name: order_id", "        logicalType: string", "        required: true", ""].join("\n");
  const published = await owner.post(`/api/v1/ports/${encodeURIComponent(`${product.urn}:table`)}/contracts`, { data: { contract } });
  expect(published.status(), await published.text()).toBe(201);
  return { ...product, name, table: `analytics.${table}` };
}

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

test("a consumer renews in one click, the owner revokes with a reason, and the team's role can no longer read", async ({ page, browser, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const analyst = await apiAs(playwright, baseURL, ANALYST);
  const product = await tableProduct(owner);
  const purpose = `Basket analysis ${unique("p")}`;
  const created = await analyst.post("/api/v1/subscriptions", { data: { port: `${product.urn}:table`, consumerTeam: "data-science", purpose, durationDays: 30 } });
  expect(created.status(), await created.text()).toBe(201);
  const first = await created.json();
  await expect.poll(async () => (await (await analyst.get(`/api/v1/subscriptions/${first.id}`)).json()).state, { timeout: 30_000 }).toBe("active");

  await signInPage(page, ANALYST);
  await page.goto("/subscriptions");
  const card = page.getByTestId("subscription").filter({ hasText: purpose }).filter({ has: page.locator('[data-state="active"]') });
  await expect(card.getByTestId("expires-in")).toHaveText("expires in 30 days");
  await card.getByRole("button", { name: "Renew" }).click();
  const dialog = page.getByRole("dialog", { name: "Renew this subscription?" });
  await expect(dialog.getByTestId("renewal-chain")).toHaveAttribute("data-auto-approved", "true");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/renew-dialog.png` });
  await dialog.getByRole("button", { name: "Renew now" }).click();
  await expect(dialog).not.toBeVisible();
  // The renewal carries on from the old end date: 60 days from now, and the old one reads as renewed.
  const renewed = page.getByTestId("subscription").filter({ hasText: purpose });
  await expect(renewed.locator('[data-state="renewed"]')).toHaveCount(1, { timeout: 30_000 });
  const current = renewed.filter({ has: page.locator('[data-state="active"]') });
  await expect(current.getByTestId("expires-in")).toHaveText("expires in 60 days", { timeout: 30_000 });
  await expect(current.getByTestId("grant")).toHaveAttribute("data-grant-state", "applied");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/my-subscriptions.png`, fullPage: true });

  const role = `${readServerInfo().rolePrefix}team_data_science`;
  expect(await selectAs(role, `SELECT count(*) FROM ${product.table}`), "before the revocation").toBe("ok");

  // The owner revokes on the product page's consumers card, with a reason.
  const ownerPage = await (await browser.newContext()).newPage();
  await signInPage(ownerPage, OWNER);
  await ownerPage.goto(productPath(product));
  const consumer = ownerPage.getByTestId("consumer").filter({ hasText: purpose });
  await expect(consumer.getByTestId("expires-in")).toHaveText("expires in 60 days");
  await consumer.getByRole("button", { name: "Revoke" }).click();
  const revoke = ownerPage.getByRole("dialog", { name: /^Revoke Data Science's access/ });
  await revoke.getByLabel("Reason").fill("Quarterly access review: the analysis is done");
  if (SHOTS) await ownerPage.screenshot({ path: `${SHOTS}/revoke-dialog.png` });
  await revoke.getByRole("button", { name: "Revoke access" }).click();
  await expect(consumer).toHaveCount(0, { timeout: 15_000 });

  // The worker takes the grant away; the consumer sees why.
  await expect.poll(() => selectAs(role, `SELECT count(*) FROM ${product.table}`), { timeout: 30_000 }).toBe("42501");
  const revoked = page.getByTestId("subscription").filter({ hasText: purpose }).filter({ has: page.locator('[data-state="revoked"]') });
  await expect(revoked.getByTestId("subscription-reason")).toContainText("Quarterly access review", { timeout: 30_000 });
  await expect(revoked.getByTestId("grant")).toHaveAttribute("data-grant-state", "revoked", { timeout: 30_000 });
  await expect(revoked.getByRole("button", { name: "Renew" })).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/revoked.png`, fullPage: true });
});

test("a steward checks every grant now and sees the repair of a grant dropped by hand; others cannot", async ({ page, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const analyst = await apiAs(playwright, baseURL, ANALYST);
  const product = await tableProduct(owner);
  const created = await analyst.post("/api/v1/subscriptions", { data: { port: `${product.urn}:table`, consumerTeam: "data-science", purpose: "Drift check" } });
  const sub = await created.json();
  await expect.poll(async () => (await (await analyst.get(`/api/v1/subscriptions/${sub.id}`)).json()).state, { timeout: 30_000 }).toBe("active");
  const role = `${readServerInfo().rolePrefix}team_data_science`;
  const sql = new pg.Client({ connectionString: readServerInfo().databaseUrl });
  await sql.connect();
  await sql.query(`REVOKE SELECT ON ${product.table} FROM ${pg.escapeIdentifier(role)}`);
  await sql.end();

  expect((await analyst.post("/api/v1/reconciliation/check", { data: {} })).status()).toBe(403);

  await signInPage(page, STEWARD);
  await page.goto("/subscriptions/reconciliation");
  await page.getByRole("button", { name: "Check now" }).click();
  const repair = page.getByTestId("repair").filter({ hasText: product.table }).first();
  await expect(repair).toHaveAttribute("data-repair", "restored", { timeout: 30_000 });
  await expect(page.getByTestId("reconciliation-status")).toContainText("asked for by");
  expect(await selectAs(role, `SELECT count(*) FROM ${product.table}`)).toBe("ok");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/reconciliation.png`, fullPage: true });
});
