import { expect, signInApi, test, unique } from "./support/fixtures";

// A product owner registers a product through the form, is told precisely what is wrong, publishes it,
// and from then on everyone can find it and sees it in the upstream product's lineage.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

test("an owner registers a product with a topic, a table and an input port, publishes it, and others find it downstream of Payments", async ({ page, browser }) => {
  const name = unique("Payment Reconciliation");
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const topic = `orders.${slug}.v1`;
  const table = `analytics.${slug.replace(/-/g, "_")}`;

  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/search");
  await page.getByRole("link", { name: "Register product" }).click();
  await expect(page.getByRole("heading", { name: "Register a data product" })).toBeVisible();

  const form = page.getByRole("main").getByTestId("product-form");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await expect(form.getByLabel("Owning team")).toHaveValue("orders/order-platform");
  await form.getByLabel("Description", { exact: true }).fill("Matches every order with the payments that settle it, so finance can spot unpaid orders.");
  await form.getByLabel("Tags").fill("reconciliation");
  await form.getByLabel("Tags").press("Enter");
  await form.getByLabel("Classification", { exact: true }).selectOption("confidential");

  await form.getByRole("button", { name: "Add output port" }).click();
  await form.getByRole("textbox", { name: "Output port 1 name", exact: true }).fill("reconciliation-events");
  await form.getByRole("textbox", { name: "Output port 1 topic", exact: true }).fill("orders.payment reconciliation!");
  await form.getByRole("button", { name: "Add output port" }).click();
  await form.getByRole("textbox", { name: "Output port 2 name", exact: true }).fill("reconciliation-table");
  await form.getByRole("combobox", { name: "Output port 2 type", exact: true }).selectOption("table");
  await form.getByRole("textbox", { name: "Output port 2 table", exact: true }).fill(table);
  await form.getByRole("combobox", { name: "Output port 2 materialized from", exact: true }).selectOption("reconciliation-events");

  await form.getByRole("button", { name: "Add input port" }).click();
  await form.getByRole("searchbox", { name: "Input port 1 product", exact: true }).fill("payments");
  await form
    .getByTestId("input-port-1-results")
    .getByRole("button")
    .filter({ has: page.getByText("Payments", { exact: true }) })
    .click();
  await expect(form.getByTestId("input-port-1-product")).toContainText("urn:meshwork:payments:payments");
  await form.getByRole("combobox", { name: "Input port 1 upstream port", exact: true }).selectOption("payment-events");
  await expect(form.getByRole("textbox", { name: "Input port 1 name", exact: true })).toHaveValue("payment-events");

  await form.getByRole("button", { name: "Register data product" }).click();
  const topicError = form.getByTestId("error-output-0-location");
  await expect(topicError).toContainText("Kafka topic names use letters, digits");
  await expect(form.getByRole("textbox", { name: "Output port 1 topic", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("main").getByTestId("error-summary")).toContainText("Output port 1 topic: Kafka topic names use letters, digits");
  await expect(page).toHaveURL(/\/products\/new$/);

  await form.getByRole("textbox", { name: "Output port 1 topic", exact: true }).fill(topic);
  await form.getByRole("button", { name: "Register data product" }).click();
  await expect(page).toHaveURL(new RegExp(`/products/orders/${slug}$`));
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText(name);
  await expect(page.getByRole("main").getByTestId("product-urn")).toHaveText(`urn:meshwork:orders:${slug}`);
  await expect(page.getByRole("main").getByTestId("draft-notice")).toBeVisible();
  const outputPorts = page.getByRole("main").getByTestId("output-port");
  await expect(outputPorts).toHaveCount(2);
  await expect(outputPorts.filter({ hasText: "reconciliation-events" }).first()).toContainText(topic);
  await expect(outputPorts.filter({ hasText: "reconciliation-table" })).toContainText(table);
  await expect(outputPorts.filter({ hasText: "reconciliation-table" })).toContainText("reconciliation-events");
  await expect(page.getByRole("main").getByTestId("input-port")).toContainText("Payments · payment-events");
  await expect(page.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="upstream"]').getByRole("link", { name: "Payments", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("main").getByTestId("product-header").getByTestId("status-badge")).toHaveText("Published");
  await expect(page.getByRole("main").getByTestId("draft-notice")).toBeHidden();
  await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeHidden();
  await expect(page.getByRole("button", { name: "Deprecate" })).toBeVisible();

  // Someone outside the team, in their own browser session.
  const analystContext = await browser.newContext();
  const analyst = await analystContext.newPage();
  await signInApi(analyst.request, "analyst@meshwork.dev");
  await analyst.goto("/search");
  await analyst.getByRole("searchbox", { name: "Search data products" }).fill(name);
  const hit = analyst.getByRole("main").getByTestId("search-result").filter({ hasText: name });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText("Published");
  await expect(hit).toContainText("Orders");

  await analyst.goto("/products/payments/payments");
  const downstream = analyst.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="downstream"]').filter({ hasText: name });
  await expect(downstream).toBeVisible();
  await downstream.getByRole("link", { name }).click();
  await expect(analyst).toHaveURL(new RegExp(`/products/orders/${slug}$`));
  await expect(analyst.getByRole("main").getByTestId("product-actions")).toHaveCount(0);
  await analystContext.close();
});
