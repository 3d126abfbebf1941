import { expect, signInApi, test, unique } from "./support/fixtures";

// Teams keep their product descriptor in git and register from the file: a bad file is refused as a whole,
// with every problem named by its path, and a good one lands on the new product's page.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

const yamlFile = (name: string, text: string) => ({ name, mimeType: "application/yaml", buffer: Buffer.from(text, "utf8") });

test("a descriptor with several errors lists every one with its path and creates nothing; the fixed file registers the product", async ({ page }) => {
  const name = unique("Order Audit Trail");
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const broken = `apiVersion: meshwork/v1
kind: DataProduct
domain: orders
team: order-platform
name: ${name}
description: Every change to an order, with who made it.
tags: ["Not A Tag!"]
classification: top-secret
outputPorts:
  - name: Audit_Events
    type: kafka_topic
    topic: "orders.audit events"
  - name: audit-table
    type: table
    table: "analytics.1-audit"
  - name: audit-stream
    type: stream
`;
  const expectedPaths = ["tags[0]", "classification", "outputPorts[0].name", "outputPorts[0].topic", "outputPorts[1].table", "outputPorts[2].type"];

  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/new");
  await page.getByRole("tab", { name: "Upload descriptor" }).click();
  await expect(page.getByRole("tab", { name: "Upload descriptor" })).toHaveAttribute("aria-selected", "true");

  await page.getByLabel("Descriptor file").setInputFiles(yamlFile("order-audit-trail.yaml", broken));
  await expect(page.getByRole("main").getByTestId("descriptor-selected")).toContainText("order-audit-trail.yaml");
  await page.getByRole("button", { name: "Register from file" }).click();

  const errors = page.getByRole("main").getByTestId("descriptor-errors");
  await expect(errors.getByRole("heading")).toHaveText(`There are ${expectedPaths.length} problems`);
  await expect(errors).toContainText("The descriptor was refused; nothing was created.");
  await expect(errors).toBeFocused();
  const items = errors.getByRole("listitem");
  await expect(items).toHaveCount(expectedPaths.length);
  await expect(items.locator("code")).toHaveText(expectedPaths, { useInnerText: true });
  await expect(items.filter({ hasText: "outputPorts[0].topic" })).toContainText("Kafka topic names use letters, digits");
  await expect(items.filter({ hasText: "outputPorts[0].name" })).toContainText("use lowercase letters, digits and single dashes");
  await expect(page).toHaveURL(/\/products\/new$/);

  // Nothing was created: not in search (the owner would see even a draft), not at its URN.
  const search = await (await page.request.get(`/api/v1/search?q=${encodeURIComponent(name)}`)).json();
  expect(search.total).toBe(0);
  expect((await page.request.get(`/api/v1/data-products/${encodeURIComponent(`urn:meshwork:orders:${slug}`)}`)).status()).toBe(404);

  const fixed = broken
    .replace(`tags: ["Not A Tag!"]`, "tags: [audit, orders]")
    .replace("classification: top-secret", "classification: confidential")
    .replace("name: Audit_Events", "name: audit-events")
    .replace(`topic: "orders.audit events"`, `topic: "orders.${slug}.v1"`)
    .replace(`table: "analytics.1-audit"`, `table: "analytics.${slug.replace(/-/g, "_")}"\n    materializedFrom: audit-events`)
    .replace(/ {2}- name: audit-stream\n {4}type: stream\n/, "");
  await page.getByLabel("Descriptor file").setInputFiles(yamlFile("order-audit-trail.yaml", fixed));
  await expect(errors).toBeHidden();
  await page.getByRole("button", { name: "Register from file" }).click();

  await expect(page).toHaveURL(new RegExp(`/products/orders/${slug}$`));
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText(name);
  await expect(page.getByRole("main").getByTestId("draft-notice")).toBeVisible();
  await expect(page.getByRole("main").getByTestId("product-tags")).toContainText("audit");
  await expect(page.getByRole("main").getByTestId("output-port")).toHaveCount(2);
  await expect(page.getByRole("main").getByTestId("output-ports")).toContainText(`orders.${slug}.v1`);
  await expect(page.getByRole("main").getByTestId("output-ports")).toContainText(`analytics.${slug.replace(/-/g, "_")}`);
});
