import type { Page } from "@playwright/test";
import { descriptor, expect, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// An owner authors a contract in the browser: an inline error, a fix, a compatible publish, an incompatible
// change refused with reasons, a new major version that a steward approves and that then becomes active.

function contract(id: string, topic: string, version: string, amountType: "number" | "string", typo = false) {
  return [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: ${id}`,
    `name: Contract test ${id}`,
    `version: ${version}`,
    "status: active",
    "schema:",
    "  - name: refunds",
    `    physicalName: ${topic}`,
    "    logicalType: object",
    "    physicalType: topic",
    "    properties:",
    "      - name: refund_id",
    "        logicalType: string",
    "        required: true",
    "        primaryKey: true",
    "      - name: amount",
    `        logicalType: ${typo ? "numbr" : amountType}`,
    "        required: true",
    "",
  ].join("\n");
}

async function replaceContract(page: Page, text: string) {
  const editor = page.getByTestId("contract-editor").locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

test("an owner publishes contract versions; a steward approves a breaking major version", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  await signInApi(api, "olivia@meshwork.dev");
  const product = await registerProduct(api, descriptor("orders", "order-platform", unique("Contract Refunds")), { publish: true });
  const detail = await (await api.get(`/api/v1/data-products/${product.id}`)).json();
  const topic = detail.outputPorts.find((p: { type: string }) => p.type === "kafka_topic").location as string;
  const portPage = `/products/${product.domain}/${product.slug}/ports/events`;

  await signInPage(page, "olivia@meshwork.dev");
  await page.goto(`${portPage}/edit`);
  await expect(page.getByRole("main").getByTestId("contract-editor")).toBeVisible();

  // A typo in a logical type is shown inline, at its line, and in the list with its path.
  await replaceContract(page, contract(product.urn, topic, "1.0.0", "number", true));
  await expect(page.getByTestId("contract-errors")).toContainText("schema[0].properties[1].logicalType");
  await expect(page.locator(".cm-lintRange-error").first()).toBeVisible();
  // Publish stays disabled while the contract is invalid, and says why beside it.
  await expect(page.getByRole("button", { name: "Publish version 1.0.0" })).toBeDisabled();
  await expect(page.getByTestId("publish-blocked")).toHaveText("Fix the problem listed below to publish.");

  await replaceContract(page, contract(product.urn, topic, "1.0.0", "number"));
  // A hand-written schema that leaves out a contract field is refused, naming the field.
  await page.getByText("Hand-written Avro schema (optional)").click();
  const handWritten = page.getByLabel("Hand-written schema");
  await handWritten.fill(JSON.stringify({ type: "record", name: "Refund", fields: [{ name: "refund_id", type: "string" }] }));
  await expect(page.getByTestId("contract-errors")).toContainText('field "amount" is in the contract but not in the schema');
  await handWritten.fill("");
  await expect(page.getByTestId("contract-verdict")).toHaveAttribute("data-outcome", "would-activate");
  await page.getByRole("button", { name: "Publish version 1.0.0" }).click();
  await expect(page.getByTestId("publish-result")).toHaveAttribute("data-status", "active");

  // Changing a field's type in a minor version is refused with the exact reason.
  await page.goto(`${portPage}/edit`);
  await replaceContract(page, contract(product.urn, topic, "1.1.0", "string"));
  await expect(page.getByTestId("contract-verdict")).toHaveAttribute("data-outcome", "refused");
  await expect(page.getByTestId("verdict-reasons")).toContainText('field "amount"');
  await expect(page.getByRole("button", { name: "Publish version 1.1.0" })).toBeDisabled();
  await expect(page.getByTestId("publish-blocked")).toContainText("Refused: incompatible with 1.0.0");

  // As a new major version it waits for a steward.
  await replaceContract(page, contract(product.urn, topic, "2.0.0", "string"));
  await expect(page.getByTestId("contract-verdict")).toHaveAttribute("data-outcome", "needs-approval");
  await page.getByRole("button", { name: "Publish version 2.0.0" }).click();
  await expect(page.getByTestId("publish-result")).toHaveAttribute("data-status", "pending_approval");

  const stewardPage = await (await page.context().browser()!.newContext()).newPage();
  await signInPage(stewardPage, "steward@meshwork.dev");
  await stewardPage.goto("/approvals");
  const item = stewardPage.getByTestId("approval-item").filter({ hasText: detail.name });
  await expect(item).toBeVisible();
  await item.getByRole("button", { name: "Approve" }).click();
  await expect(stewardPage.getByTestId("approval-toast")).toBeVisible();
  await expect(item).toHaveCount(0);

  await page.goto(portPage);
  await expect(page.getByText("v2.0.0").first()).toBeVisible();
  const versions = await (await api.get(`/api/v1/ports/${encodeURIComponent(`${product.urn}:events`)}/contracts`)).json();
  expect(versions.versions.map((v: { version: string; status: string }) => `${v.version} ${v.status}`)).toEqual(["2.0.0 active", "1.0.0 deprecated"]);
});

test("someone outside the owning team cannot publish a contract, in the UI or the API", async ({ page, playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Guarded Contract")), { publish: true });

  await signInPage(page, "paul@meshwork.dev");
  const refusedPage = await page.goto(`/products/${product.domain}/${product.slug}/ports/events/edit`);
  expect(refusedPage?.status()).toBe(403);
  await expect(page.getByRole("main").getByTestId("forbidden")).toBeVisible();

  const outsider = await playwright.request.newContext({ baseURL });
  await signInApi(outsider, "paul@meshwork.dev");
  const refused = await outsider.post(`/api/v1/ports/${encodeURIComponent(`${product.urn}:events`)}/contracts`, { data: { contract: contract(product.urn, "x", "1.0.0", "number") } });
  expect(refused.status()).toBe(403);
});
