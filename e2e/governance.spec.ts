import pg from "pg";
import { expect, signInApi, signInPage, test } from "./support/fixtures";
import { readServerInfo } from "./support/server-info";

// Stewards watch how quickly access is granted: the demo's four weeks of request history show as time-to-access per
// domain (a chart and the same figures in a table), and the audit log's chain verifies in the browser.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.
const SHOTS = process.env.E2E_SHOTS_DIR;

test("the steward sees time-to-access per domain on the governance view, drawn from the demo's request history", async ({ page }) => {
  await signInPage(page, "steward@meshwork.dev");
  await page.getByRole("link", { name: "Governance", exact: true }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Governance", level: 1 })).toBeVisible();
  await expect(main.getByRole("heading", { name: "Time-to-access by domain" })).toBeVisible();

  // The chart is drawn with a median and a p90 bar per domain that reached access.
  const chart = main.getByTestId("time-to-access-chart");
  await expect(chart).toBeVisible();
  const rows = main.getByTestId("time-to-access-row");
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(chart.locator(".recharts-bar-rectangle path, path.recharts-rectangle").first()).toBeVisible();
  expect(await chart.locator("path.recharts-rectangle").count()).toBeGreaterThanOrEqual(8);
  await expect(chart).toHaveAttribute("aria-label", /median \d/);

  const median = await main.getByTestId("stat-median-value").textContent();
  expect(median).toMatch(/^\d+(\.\d)? (min|h|d)$/);
  await expect(main.getByTestId("stat-auto-value")).toHaveText(/^\d+ %$/);
  await expect(main.getByTestId("waiting-longest").getByTestId("waiting-age").first()).toHaveText(/\d+(\.\d)? (h|d)/);
  console.log(`governance view: median time-to-access ${median}, p90 ${(await main.getByTestId("stat-median").textContent())?.match(/p90 ([^,]+)/)?.[1]}; ${await main.getByTestId("stat-auto-value").textContent()} auto-approved`);
  console.log(`per domain: ${(await rows.allTextContents()).join(" | ")}`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/governance.png`, fullPage: true });
});

test("the steward verifies the audit chain on the audit log page", async ({ page }) => {
  await signInPage(page, "steward@meshwork.dev");
  await page.goto("/audit");
  await page.getByRole("main").getByRole("button", { name: "Verify chain" }).click();
  const result = page.getByRole("main").getByTestId("verify-result");
  await expect(result).toContainText("Chain intact.");
  await expect(result).toContainText(/[\d,]+ sealed events verified up to #\d+; \d+ events? not sealed yet/);
  await expect(page.getByRole("main").getByTestId("audit-row").first()).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/audit-verify.png`, fullPage: false });

  // An event changed by hand in the database: verification stops at exactly that event and links to it.
  const client = new pg.Client({ connectionString: readServerInfo().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; seq: string; summary: string }>("SELECT id::text, seq::text, summary FROM audit_event WHERE seq IS NOT NULL ORDER BY seq LIMIT 1 OFFSET 9");
    const [victim] = rows;
    await client.query("UPDATE audit_event SET summary = summary || ' (edited)' WHERE id = $1", [victim.id]);
    try {
      await page.getByRole("main").getByRole("button", { name: "Verify chain" }).click();
      await expect(result).toContainText(`Chain broken at #${victim.seq}.`);
      await expect(result).toContainText("changed after it was sealed");
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/audit-verify-broken.png`, fullPage: false });
      await result.getByRole("link", { name: `Open event ${victim.id}` }).click();
      await expect(page.getByRole("main").getByRole("heading", { name: `Audit event ${victim.id}`, level: 1 })).toBeVisible();
      await expect(page.getByRole("main").getByTestId("audit-event-fields")).toContainText(`#${victim.seq}`);
    } finally {
      await client.query("UPDATE audit_event SET summary = $2 WHERE id = $1", [victim.id, victim.summary]);
    }
  } finally {
    await client.end();
  }
});

test("an analyst is refused the governance view and its API", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  expect((await page.request.get("/api/v1/governance/access-metrics")).status()).toBe(403);
  expect((await page.request.get("/api/v1/audit/verify")).status()).toBe(403);
  const response = await page.goto("/governance");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("link", { name: "Governance", exact: true })).toHaveCount(0);
});
