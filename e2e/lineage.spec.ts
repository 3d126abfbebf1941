import type { Page } from "@playwright/test";
import { expect, signInApi, test } from "./support/fixtures";

// The lineage graph on a product page and on /lineage: expand upstream twice, filter by domain, open a neighbour,
// move through it with the keyboard. In the demo mesh Churn Scores reads Customer 360, which reads Order Fulfilment
// SLA, which reads Shipments and Carrier Events; Customer Segments, a draft the analyst may not see, reads Churn Scores.

const graph = (page: Page) => page.getByRole("main").getByTestId("lineage-graph");
const node = (page: Page, name: string) => graph(page).getByTestId("lineage-node").filter({ has: page.getByRole("link", { name, exact: true }) });

/**
 * Clicks a node (shift-click with "Shift"): it selects the node wherever the layout put it, even under the mini-map,
 * which would take a real pointer's click there.
 */
async function clickNode(page: Page, name: string, modifiers: ("Shift")[] = []) {
  await node(page, name).dispatchEvent("click", { bubbles: true, shiftKey: modifiers.includes("Shift") });
}

/** Laid out, and hydrated: the server lays the graph out, and a control changed before React takes over is lost. */
async function laidOut(page: Page) {
  await expect(graph(page)).toHaveAttribute("data-layout", "done");
  await expect(graph(page)).toHaveAttribute("data-hydrated", "true");
}

test("an analyst expands a product's upstream twice, filters by domain and opens a neighbour from the graph", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto("/products/customers/churn-scores");
  await laidOut(page);
  await expect(node(page, "Churn Scores")).toHaveAttribute("data-lineage-side", "focus");
  await expect(node(page, "Customer 360")).toHaveAttribute("data-lineage-side", "upstream");
  // Customer Segments reads both Churn Scores and Customer 360: one hidden product beside each, never its name.
  await expect(graph(page).getByTestId("lineage-hidden")).toHaveText(["1 hidden product", "1 hidden product"]);
  await expect(graph(page)).not.toContainText("Customer Segments");
  await expect(node(page, "Order Fulfilment SLA")).toHaveCount(0);

  // First expansion: Customer 360's five upstream products.
  await node(page, "Customer 360").getByTestId("expand-upstream").click();
  await expect(node(page, "Order Fulfilment SLA")).toBeVisible();
  for (const name of ["Customers", "Orders", "Loyalty Points", "Sessions"]) await expect(node(page, name)).toBeVisible();
  await expect(node(page, "Customer 360").getByTestId("expand-upstream")).toHaveCount(0);
  await laidOut(page);

  // Second expansion: what Order Fulfilment SLA reads beyond Orders.
  await node(page, "Order Fulfilment SLA").getByTestId("expand-upstream").click();
  await expect(node(page, "Shipments")).toBeVisible();
  await expect(node(page, "Carrier Events")).toBeVisible();
  await laidOut(page);

  await graph(page).getByLabel("Filter by domain").selectOption({ label: "Shipping" });
  await expect(node(page, "Shipments")).toBeVisible();
  await expect(node(page, "Order Fulfilment SLA")).toBeVisible();
  await expect(node(page, "Customer 360")).toHaveCount(0);
  await expect(node(page, "Churn Scores")).toBeVisible(); // the focus always stays
  await laidOut(page);

  // Search within the graph and the path between two nodes.
  await graph(page).getByLabel("Find a product or team in the graph").fill("carrier");
  await expect(graph(page).getByTestId("lineage-status")).toContainText("1 match");
  await graph(page).getByLabel("Find a product or team in the graph").fill("");

  await graph(page).getByLabel("Filter by domain").selectOption({ label: "All domains" });
  await laidOut(page);
  await clickNode(page, "Carrier Events");
  await clickNode(page, "Churn Scores", ["Shift"]);
  await expect(graph(page).getByTestId("lineage-status")).toContainText("path from Carrier Events to Churn Scores: 3 hops");

  await node(page, "Shipments").getByRole("link", { name: "Shipments", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/shipping\/shipments$/);
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText("Shipments");
  await laidOut(page);
  await expect(node(page, "Shipments")).toHaveAttribute("data-lineage-side", "focus");
});

test("the graph is usable by keyboard: Tab to a node, arrows move to its neighbours, Enter opens one", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto("/lineage?focus=urn%3Ameshwork%3Acustomers%3Acustomer-360");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lineage of Customer 360");
  await laidOut(page);
  await expect(graph(page).getByTestId("lineage-node")).toHaveCount(7); // 5 upstream, the focus, Churn Scores (Customer Segments is a hidden draft)

  const focusNode = graph(page).locator('.react-flow__node:has([data-lineage-side="focus"])');
  await focusNode.focus();
  await expect(focusNode).toBeFocused();
  await expect(focusNode).toHaveAttribute("aria-label", /^Customer 360, Customers, published, this product/);

  // Right: a node downstream (Churn Scores, the hidden draft or a consumer team); left from there: back to the focus.
  await page.keyboard.press("ArrowRight");
  await expect(graph(page).locator(".react-flow__node:focus")).toHaveCount(1);
  await expect(focusNode).not.toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(focusNode).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  const upstream = graph(page).locator('.react-flow__node:has([data-lineage-side="upstream"])');
  await expect(upstream.and(page.locator(":focus"))).toHaveCount(1);
  const first = (await upstream.and(page.locator(":focus")).getAttribute("aria-label"))!;
  // Up and down step through the column of upstream products.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(upstream.and(page.locator(":focus"))).toHaveCount(1);
  const label = (await upstream.and(page.locator(":focus")).getAttribute("aria-label"))!;
  expect(label.split(",")[0].length).toBeGreaterThan(0);
  expect(first).toMatch(/, published/);
  const name = label.split(",")[0];

  await page.keyboard.press("Enter");
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText(name);

  // The depth control and fit-to-view work from the keyboard too.
  await page.goto("/lineage?focus=urn%3Ameshwork%3Acustomers%3Acustomer-360");
  await laidOut(page);
  await graph(page).getByLabel("Depth (hops up and down)").selectOption("2");
  await expect(graph(page).getByTestId("lineage-node").filter({ hasText: "Shipments" })).toBeVisible();
  await laidOut(page);
  await graph(page).getByRole("button", { name: "Fit to view" }).focus();
  await page.keyboard.press("Enter");
});

test("the full-page graph answers 404 for a product the viewer may not see, and opens laid out on the server", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  // Customer Segments is a draft of a team the analyst is not in: not found, as an unknown product is.
  for (const urn of ["urn:meshwork:customers:customer-segments", "urn:meshwork:nowhere:nothing"]) {
    const response = await page.goto(`/lineage?focus=${encodeURIComponent(urn)}`);
    expect(response?.status(), urn).toBe(404);
  }
  // The page arrives with elk's layout made on the server: laid out before the browser's layout worker could start.
  const response = await page.goto("/lineage?focus=urn%3Ameshwork%3Acustomers%3Acustomer-360");
  expect(response?.status()).toBe(200);
  expect(await response!.text()).toContain('data-layout="done"');
  await laidOut(page);
});
