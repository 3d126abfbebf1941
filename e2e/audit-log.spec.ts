import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// Governance reads who changed what: every registration and edit is in the audit log with its actor
// and a before/after of the changed fields; the log is for stewards only.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

test("the steward finds an owner's registration and edit in the audit log, with the actor and the changed field's before and after", async ({ page, browser }) => {
  const name = unique("Order Promises");
  const before = "Promised delivery dates per order.";
  const after = "Promised delivery dates per order, recalculated whenever the carrier changes.";

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInApi(owner.request, "olivia@meshwork.dev");
  const product = await registerProduct(owner.request, descriptor("orders", "order-platform", name, { description: before, classification: "restricted", tags: ["e2e", "delivery-promise"] }));
  await owner.goto(productPath(product));
  await owner.getByRole("link", { name: "Edit", exact: true }).click();
  await owner.getByLabel("Description", { exact: true }).fill(after);
  await owner.getByRole("button", { name: "Save changes" }).click();
  await expect(owner).toHaveURL(new RegExp(`${productPath(product)}$`));
  await expect(owner.getByRole("main").getByTestId("product-description")).toHaveText(after);
  // Only the description was edited: the rest stays as registered.
  await expect(owner.getByRole("main").getByTestId("product-header").getByTestId("classification-badge")).toHaveText("Restricted");
  await expect(owner.getByRole("main").getByTestId("product-tags")).toHaveText(/e2e.*delivery-promise/);
  await ownerContext.close();

  await signInPage(page, "steward@meshwork.dev");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Action prefix").fill("product.");
  await page.getByLabel("Entity type").selectOption({ label: "Data product" });
  await page.getByLabel("Actor").fill("olivia");

  const rows = page.getByRole("main").getByTestId("audit-row");
  const created = rows.filter({ hasText: `Registered ${product.urn}` });
  const updated = rows.filter({ hasText: `Updated ${product.urn}` });
  await expect(created).toBeVisible();
  await expect(updated).toBeVisible();
  // Once the debounced filters apply, every row left matches them.
  await expect.poll(async () => (await rows.locator("td:nth-child(4)").allTextContents()).every((action) => action.startsWith("product."))).toBe(true);
  await expect.poll(async () => (await rows.locator("td:nth-child(3)").allTextContents()).every((actor) => actor === "Olivia Martin")).toBe(true);
  await expect.poll(async () => (await rows.locator("td:nth-child(5)").allTextContents()).every((entity) => entity.startsWith("data_product"))).toBe(true);
  await expect(created).toContainText("product.create");
  await expect(updated).toContainText("product.update");
  await expect(updated.getByRole("cell").nth(2)).toHaveText("Olivia Martin");
  await expect(updated.getByRole("cell").nth(2)).toHaveAttribute("title", "Olivia Martin <olivia@meshwork.dev>");

  await updated.getByRole("button", { name: /^Show changes of event/ }).click();
  await expect(updated.getByRole("button", { name: /^Hide changes of event/ })).toHaveAttribute("aria-expanded", "true");
  const diff = page.getByRole("main").getByTestId("audit-diff");
  await expect(diff).toHaveCount(1);
  await expect(page.getByText("By Olivia Martin <olivia@meshwork.dev>")).toBeVisible();
  const changed = diff.locator("tr[data-changed]");
  await expect(changed).toHaveCount(1);
  await expect(changed.getByRole("cell").nth(0)).toContainText("description");
  await expect(changed.getByRole("cell").nth(0)).toContainText("changed");
  await expect(changed.getByRole("cell").nth(1)).toHaveText(before);
  await expect(changed.getByRole("cell").nth(2)).toHaveText(after);

  await created.click();
  await expect(diff).toContainText("Created with these values.");
  await expect(diff.locator("tr").filter({ hasText: "urn" })).toContainText(product.urn);
});

test("the analyst has no Audit log link and is refused the audit page and the audit API", async ({ page }) => {
  await signInPage(page, "analyst@meshwork.dev");
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  const refused = await page.goto("/audit");
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("main").getByTestId("forbidden")).toContainText("You do not have access to this page");
  await expect(page.getByRole("main").getByTestId("audit-table")).toHaveCount(0);
  const api = await page.request.get("/api/v1/audit-events");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.code).toBe("forbidden");
});
