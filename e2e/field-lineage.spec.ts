import { mkdirSync } from "node:fs";
import { createToken, descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// Field-level lineage on a port's contract page, and the impact of a contract change in the editor and of a
// deprecation in its dialog, as an owner sees them in a real browser.
const SHOTS = process.env.E2E_SHOTS_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = (name: string) => (SHOTS ? { path: `${SHOTS}/${name}.png`, fullPage: true } : undefined);

const contract = (id: string, topic: string, fields: [string, string][], version = "1.0.0") =>
  [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: ${id}`,
    `version: ${version}`,
    "status: active",
    "schema:",
    "  - name: records",
    `    physicalName: ${topic}`,
    "    properties:",
    ...fields.flatMap(([name, type]) => [`      - name: ${name}`, `        logicalType: ${type}`]),
    "",
  ].join("\n");

test("a port's contract page shows where each field comes from and goes; the editor and the deprecate dialog list what a change reaches", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  await signInApi(api, "olivia@meshwork.dev");
  const token = await createToken(api);

  const upstreamName = unique("Order Lines");
  const upstream = await registerProduct(api, descriptor("orders", "order-platform", upstreamName), { publish: true });
  const upstreamTopic = `orders.${upstream.slug}.v1`;
  const upstreamFields: [string, string][] = [["order_id", "string"], ["amount", "number"], ["currency", "string"]];
  expect((await api.post(`/api/v1/ports/${encodeURIComponent(`${upstream.urn}:events`)}/contracts`, { data: { contract: contract(upstream.urn, upstreamTopic, upstreamFields) } })).status()).toBe(201);

  const readerName = unique("Revenue");
  const reader = await registerProduct(api, descriptor("orders", "order-platform", readerName), { publish: true });
  const readerTopic = `orders.${reader.slug}.v1`;
  expect((await api.post(`/api/v1/ports/${encodeURIComponent(`${reader.urn}:events`)}/contracts`, { data: { contract: contract(reader.urn, readerTopic, [["order", "string"], ["revenue", "number"]]) } })).status()).toBe(201);
  const mapped = await api.patch(`/api/v1/data-products/${reader.id}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { inputPorts: [{ name: "order-lines", from: { product: upstream.urn, port: "events" }, fields: { revenue: ["amount"], order: ["order_id"] } }] },
  });
  expect(mapped.status(), await mapped.text()).toBe(200);

  await signInPage(page, "olivia@meshwork.dev");
  await page.goto(`${productPath(upstream)}/ports/events`);
  const lineage = page.getByTestId("field-lineage");
  await expect(lineage).toBeVisible();
  const amount = lineage.locator('[data-field="amount"]');
  await expect(amount.getByRole("link", { name: new RegExp(`${readerName}.*revenue`) })).toBeVisible();
  await expect(lineage.locator('[data-field="currency"]')).toContainText("—");
  await page.getByRole("heading", { name: "Field lineage" }).scrollIntoViewIfNeeded();
  await page.screenshot(shot("field-lineage-upstream"));

  // Following the link lands on the reader's port, where the field says where it comes from.
  await amount.getByRole("link", { name: new RegExp(readerName) }).click();
  await expect(page).toHaveURL(new RegExp(`${productPath(reader)}/ports/events#field-revenue$`));
  await expect(page.getByTestId("field-lineage").locator('[data-field="revenue"]').getByRole("link", { name: new RegExp(`${upstreamName}.*amount`) })).toBeVisible();
  await page.screenshot(shot("field-lineage-reader"));

  // The editor: removing `amount` names the downstream field that reads it, beside the compatibility verdict.
  await page.goto(`${productPath(upstream)}/ports/events/edit`);
  const editor = page.getByTestId("contract-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(contract(upstream.urn, upstreamTopic, upstreamFields.filter(([n]) => n !== "amount"), "1.1.0"));
  const impact = page.getByTestId("impact-list");
  await expect(impact).toHaveAttribute("data-impacted", "true");
  await expect(impact.getByTestId("impact-summary")).toContainText("reaches 1 downstream product");
  await expect(impact.locator('[data-field="amount"]').getByRole("link", { name: new RegExp(`${readerName}.*revenue`) })).toBeVisible();
  await page.screenshot(shot("editor-impact"));

  // The deprecate dialog lists the same reach.
  await page.goto(productPath(upstream));
  await page.getByRole("button", { name: "Deprecate" }).click();
  const dialog = page.getByTestId("deprecate-dialog");
  await expect(dialog.getByTestId("impact-list")).toBeVisible();
  await expect(dialog.getByTestId("impact-product")).toHaveText(new RegExp(readerName));
  await expect(dialog.locator('[data-field="events.amount"], [data-field="amount"]').first()).toBeVisible();
  await page.screenshot(shot("deprecate-impact"));
});
