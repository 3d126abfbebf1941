import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext } from "@playwright/test";
import { descriptor, expect, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// The notification centre in a real browser: the approver's bell counts up when a request arrives for them, the
// panel and the page show it, and marking read counts down. The team page shows its webhook and deliveries.

const OWNER = "olivia@meshwork.dev"; // owner of Orders / Order Platform: decides requests for its products
const ANALYST = "analyst@meshwork.dev"; // owner of Insights / Business Intelligence
const SHOTS = process.env.E2E_SHOTS_DIR;

async function apiAs(playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } }, baseURL: string | undefined, email: string) {
  const request = await playwright.request.newContext({ baseURL });
  await signInApi(request, email);
  return request;
}

const unreadOf = async (api: APIRequestContext) => ((await (await api.get("/api/v1/notifications?pageSize=1")).json()) as { unreadCount: number }).unreadCount;

test("the approver's bell counts up when a request arrives, the panel and page show it, and mark read counts down", async ({ page, playwright, baseURL }) => {
  const owner = await apiAs(playwright, baseURL, OWNER);
  const analyst = await apiAs(playwright, baseURL, ANALYST);
  // Start from nothing unread, so the count the bell shows is this test's.
  expect((await owner.post("/api/v1/notifications/read", { data: { all: true } })).status()).toBe(200);
  const name = unique("Refund Ledger");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", name), { publish: true });
  // Not self-service: a request waits for the owning team's owners.
  const access = await owner.put(`/api/v1/ports/${encodeURIComponent(`${product.urn}:events`)}/access`, { data: { selfService: false, maxDurationDays: 365, allowNoEnd: false } });
  expect(access.status(), await access.text()).toBe(200);

  await signInPage(page, OWNER);
  const bell = page.getByRole("button", { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  const purpose = `Refund forecasting ${unique("p")}`;
  const requested = await analyst.post("/api/v1/subscriptions", { data: { port: `${product.urn}:events`, consumerTeam: "business-intelligence", purpose } });
  expect(requested.status(), await requested.text()).toBe(201);

  // No reload: the bell polls.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 15_000 });
  await expect(page.getByTestId("notification-count")).toHaveText("1");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/bell.png`, clip: { x: 0, y: 0, width: 1280, height: 64 } });

  await bell.click();
  const panel = page.getByRole("dialog", { name: /Notifications/ });
  const item = panel.getByTestId("notification-item").filter({ hasText: name });
  await expect(item).toContainText("Waiting for your decision");
  await expect(item).toContainText(purpose);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/panel.png` });

  await panel.getByRole("link", { name: "See all notifications" }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const row = page.getByTestId("notification-row").filter({ hasText: name });
  await expect(row).toContainText("Unread");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/page.png`, fullPage: true });
  await row.getByRole("button", { name: /^Mark read: / }).click();
  await expect(row).not.toContainText("Unread");
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  expect(await unreadOf(owner)).toBe(0);

  // Following the link from a notification leads to the inbox holding the request.
  await row.getByRole("link").click();
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByTestId("approval-item").filter({ hasText: purpose })).toBeVisible();
});

test("a team owner adds a webhook on the team page, sees the secret once, and the test delivery arrives signed", async ({ page }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.end("thanks");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  try {
    await signInPage(page, ANALYST);
    await page.goto("/domains/insights/teams/business-intelligence");
    await expect(page.getByRole("heading", { level: 1, name: "Business Intelligence" })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill(`http://localhost:${(server.address() as AddressInfo).port}/meshwork`);
    await page.getByRole("button", { name: /^(Add webhook|Save URL)$/ }).click();
    await expect(page.getByTestId("webhook-secret").or(page.getByText("Webhook URL saved."))).toBeVisible();
    // A team that already had a webhook keeps its secret; replace it so this test knows it.
    if (!(await page.getByTestId("webhook-secret").isVisible())) {
      await page.getByRole("button", { name: "Replace secret" }).click();
      await page.getByTestId("rotate-secret-dialog").getByRole("button", { name: "Replace secret" }).click();
      await expect(page.getByTestId("webhook-secret")).toBeVisible();
    }
    const secret = (await page.getByTestId("webhook-secret").locator("code").textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Send test event" }).click();
    const delivery = page.getByTestId("webhook-delivery").filter({ hasText: "webhook.test" }).first();
    await expect(delivery).toContainText("Delivered", { timeout: 20_000 });
    await expect(delivery).toContainText("200");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/team-webhook.png`, fullPage: true });
    const got = received.find((r) => JSON.parse(r.body).type === "webhook.test")!;
    const { verifyWebhookSignature } = await import("../lib/webhooks/webhook-signature");
    expect(verifyWebhookSignature({ secret, header: got.headers["meshwork-signature"] as string, body: got.body })).toEqual({ ok: true, timestamp: expect.any(Number) });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
