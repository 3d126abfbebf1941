import { mkdirSync } from "node:fs";
import pg from "pg";
import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";
import { readServerInfo } from "./support/server-info";

// Quality in the browser: a product whose table holds a record with an invalid currency (as the demo producers'
// bad records do) fails its error check; the product page's Quality panel shows the failing check and its incident,
// the incident list shows it, the search card carries the quality badge, and the port page's failing rows mask
// personal data for an analyst without access.

const OWNER = "olivia@meshwork.dev"; // owner of Orders / Order Platform
const ANALYST = "analyst@meshwork.dev"; // no access to Order Platform's products
const SHOTS = "/tmp/shots/quality";

function tableContract(urn: string, slug: string) {
  const table = slug.replace(/-/g, "_");
  return `apiVersion: v3.1.0
kind: DataContract
id: ${urn}:table
version: 1.0.0
status: active
schema:
  - name: ${table}
    physicalName: analytics.${table}
    logicalType: object
    physicalType: table
    properties:
      - name: order_id
        logicalType: string
        primaryKey: true
        quality:
          - metric: nullValues
            mustBe: 0
            severity: error
      - name: customer_email
        logicalType: string
        classification: restricted
        tags: [pii]
      - name: currency
        logicalType: string
        quality:
          - metric: invalidValues
            arguments:
              pattern: "^[A-Z]{3}$"
            mustBe: 0
            severity: error
            description: An ISO 4217 code
    quality:
      - metric: rowCount
        mustBeGreaterThan: 0
slaProperties:
  - property: latency
    value: 15
    unit: m
`;
}

/** The table of the product's table port, once created from its contract (by the worker), or created here the same way. */
async function fillTable(slug: string) {
  const client = new pg.Client({ connectionString: readServerInfo().databaseUrl });
  await client.connect();
  try {
    const table = `analytics.${slug.replace(/-/g, "_")}`;
    for (let i = 0; i < 40; i++) {
      if ((await client.query("SELECT to_regclass($1) AS t", [table])).rows[0].t) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await client.query(`CREATE SCHEMA IF NOT EXISTS analytics`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (order_id text NOT NULL, customer_email text, currency text, _partition integer NOT NULL, _offset bigint NOT NULL, _timestamp timestamptz NOT NULL, _key text, UNIQUE (_partition, _offset))`);
    await client.query(
      `INSERT INTO ${table} (order_id, customer_email, currency, _partition, _offset, _timestamp, _key)
       VALUES ('o-1', 'ada@example.com', 'EUR', 0, 900001, now(), 'o-1'), ('o-2', 'grace@example.com', 'EURO', 0, 900002, now(), 'o-2'), ('o-3', 'alan@example.com', 'SEK', 0, 900003, now(), 'o-3')`,
    );
  } finally {
    await client.end();
  }
}

test("a failing check shows on the product page with its incident, in the incident list, on the search card, and its rows masked on the port page", async ({ browser, playwright, baseURL }) => {
  mkdirSync(SHOTS, { recursive: true });
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, OWNER);
  const name = unique("Quality Orders");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", name), { publish: true });
  const portUrn = encodeURIComponent(`${product.urn}:table`);
  const published = await owner.post(`/api/v1/ports/${portUrn}/contracts`, { data: { contract: tableContract(product.urn, product.slug) } });
  expect(published.status(), await published.text()).toBe(201);
  await fillTable(product.slug);

  const ran = await owner.post(`/api/v1/ports/${portUrn}/quality/run`);
  expect(ran.status(), await ran.text()).toBe(200);
  const quality = await ran.json();
  const currency = quality.results.find((r: { name: string }) => r.name === "invalidValues of currency");
  expect(currency).toMatchObject({ status: "failed", measured: 1 });
  expect(quality.incidents).toHaveLength(1);

  const analyst = await (await browser.newContext()).newPage();
  await signInPage(analyst, ANALYST);
  // The analyst may not run the checks.
  expect((await analyst.request.post(`/api/v1/ports/${portUrn}/quality/run`)).status()).toBe(403);

  await analyst.goto(productPath(product));
  const panel = analyst.getByTestId("quality-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("quality-score")).toHaveText(/\d+ %/);
  const failing = panel.locator('[data-testid="quality-check"][data-status="failed"]');
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText("invalidValues of currency");
  await expect(failing.getByTestId("check-incident")).toBeVisible();
  await expect(panel.getByTestId("freshness").first()).toContainText("Fresh");
  await panel.scrollIntoViewIfNeeded();
  await analyst.screenshot({ path: `${SHOTS}/product-quality-panel.png`, fullPage: true });

  await failing.getByTestId("check-incident").click();
  await expect(analyst).toHaveURL(/\/incidents#incident-/);
  const incident = analyst.locator('[data-testid="incident"]', { hasText: name });
  await expect(incident).toContainText("invalidValues of currency");
  await expect(incident.getByTestId("incident-open-for")).toHaveText(/\d+ (min|h|d)/);
  await expect(incident.getByTestId("resolve-incident")).toHaveCount(0);
  await analyst.screenshot({ path: `${SHOTS}/incidents.png`, fullPage: true });

  await analyst.goto(`/search?q=${encodeURIComponent(name)}`);
  const card = analyst.getByTestId("search-result").filter({ hasText: name });
  await expect(card.getByTestId("quality-score-badge")).toHaveText(/Quality \d+ %/);
  await expect(card.getByTestId("freshness-badge")).toHaveText("Fresh");
  await analyst.screenshot({ path: `${SHOTS}/search-card.png` });

  await analyst.goto(`${productPath(product)}/ports/table`);
  const sample = analyst.locator('[data-testid="failing-sample"]', { hasText: "invalidValues of currency" });
  await expect(sample).toContainText("EURO");
  await expect(sample).not.toContainText("grace@example.com");
  await expect(sample).toContainText("personal data");
  await sample.scrollIntoViewIfNeeded();
  await analyst.screenshot({ path: `${SHOTS}/port-failing-rows.png`, fullPage: true });

  // The owner resolves it from the incident list, with a reason.
  const ownerPage = await (await browser.newContext()).newPage();
  await signInPage(ownerPage, OWNER);
  await ownerPage.goto("/incidents");
  await ownerPage.locator('[data-testid="incident"]', { hasText: name }).getByTestId("resolve-incident").click();
  const dialog = ownerPage.getByTestId("resolve-dialog");
  await dialog.getByLabel("Accepted: known and tolerated").check();
  await dialog.getByTestId("confirm-resolve").click();
  await expect(ownerPage.locator('[data-testid="incident"]', { hasText: name })).toHaveCount(0);
});
