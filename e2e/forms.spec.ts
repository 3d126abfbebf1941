import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInApi, test, unique } from "./support/fixtures";

// Forms mark their required fields, check what they can as it is typed, and on a refused submit move the focus to
// an error summary ("There are N problems") whose entries link to the fields, in plain words.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(" | ")})`);
}

test("registering an empty product: the focus moves to the error summary, whose links focus the fields", async ({ page }) => {
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/new");
  const form = page.getByRole("main").getByTestId("product-form");
  const name = form.getByLabel("Name", { exact: true });
  await expect(name).toHaveAttribute("aria-required", "true");

  await form.getByRole("button", { name: "Add output port" }).click();
  await form.getByRole("button", { name: "Register data product" }).click();

  const summary = page.getByRole("main").getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary.getByRole("heading")).toHaveText("There are 3 problems");
  await expect(summary.getByRole("link")).toHaveText(["Name is required", "Output port 1 name is required", "Output port 1 topic is required"]);
  await expect(summary).not.toContainText("[0]");
  expect(await seriousViolations(page)).toEqual([]);

  await summary.getByRole("link", { name: "Output port 1 topic is required" }).click();
  await expect(form.getByRole("textbox", { name: "Output port 1 topic", exact: true })).toBeFocused();
  await summary.getByRole("link", { name: "Name is required", exact: true }).click();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute("aria-invalid", "true");

  // Fixing a field takes it off the summary as the user types.
  await name.fill("Forms check");
  await expect(summary.getByRole("heading")).toHaveText("There are 2 problems");
  await expect(form.getByTestId("error-product-name")).toHaveCount(0);
});

test("a field is checked when it is left, by the server's rules, before anything is sent", async ({ page }) => {
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/new");
  const form = page.getByRole("main").getByTestId("product-form");
  await form.getByRole("button", { name: "Add output port" }).click();
  const portName = form.getByRole("textbox", { name: "Output port 1 name", exact: true });
  await portName.fill("Order_Events");
  await expect(form.getByTestId("error-output-0-name")).toHaveCount(0);
  await portName.blur();
  await expect(form.getByTestId("error-output-0-name")).toHaveText("Output port 1 name: use lowercase letters, digits and single dashes (e.g. order-events)");
  await portName.fill("order-events");
  await expect(form.getByTestId("error-output-0-name")).toHaveCount(0);
  // Nothing was summarised: no submit was tried.
  await expect(page.getByRole("main").getByTestId("error-summary")).toHaveCount(0);
});

test("a tag chip the server would refuse is refused as it is typed, with the reason", async ({ page }) => {
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/new");
  const form = page.getByRole("main").getByTestId("product-form");
  const tags = form.getByLabel("Tags");
  const chips = form.getByTestId("tag-chip");

  await tags.fill("orders");
  await tags.press("Enter");
  await expect(chips).toHaveText(["orders"]);

  await tags.fill("Not a tag!");
  await tags.press("Enter");
  const refused = form.getByTestId("error-product-tags-refused");
  await expect(refused).toHaveText("Not added: “not a tag!” is refused: a tag uses lowercase letters, digits, spaces, '.', '_' and '-', and starts with a letter or digit.");
  await expect(tags).toHaveValue("not a tag!");
  await expect(tags).toHaveAttribute("aria-invalid", "true");
  await expect(chips).toHaveText(["orders"]);

  await tags.fill("Orders,");
  await expect(refused).toHaveText("Not added: “orders” is already a tag.");
  await tags.fill("x".repeat(41));
  await tags.press("Enter");
  await expect(refused).toContainText("is 41 characters long; a tag may have at most 40");
  await expect(chips).toHaveText(["orders"]);

  // Typing again clears the refusal; a good tag is added.
  await tags.fill("events");
  await expect(refused).toHaveCount(0);
  await tags.press("Enter");
  await expect(chips).toHaveText(["orders", "events"]);
});

test("what the server refuses lands in the same summary, at its field: a token name that is too long", async ({ page }) => {
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/settings/tokens");
  const card = page.getByRole("main").getByTestId("create-token");
  await card.getByRole("button", { name: "Create token" }).click();
  const summary = card.getByTestId("create-token-errors");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("There is 1 problem");
  await summary.getByRole("link", { name: "Token name is required" }).click();
  await expect(card.getByLabel("Token name")).toBeFocused();

  await card.getByLabel("Token name").fill(unique("forms check"));
  await card.getByLabel("Expires after (days)").fill("400");
  await card.getByRole("button", { name: "Create token" }).click();
  await expect(summary.getByRole("link")).toHaveText(["Expires after must be at most 365"]);
  await card.getByLabel("Expires after (days)").fill("30");
  await card.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("main").getByTestId("new-token")).toBeVisible();
  await expect(summary).toHaveCount(0);
});

test("an admin's new team with a taken slug: the server's refusal is summarised in words and links to the slug", async ({ page }) => {
  await signInApi(page.request, "admin@meshwork.dev");
  await page.goto("/admin");
  const card = page.getByRole("main").getByTestId("create-team");
  await card.getByLabel("Team domain").selectOption("orders");
  await card.getByLabel("Team name").fill("Order Platform");
  await card.getByRole("button", { name: "Create team" }).click();
  const summary = card.getByTestId("create-team-errors");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("There is 1 problem");
  await expect(summary).not.toContainText(/unknown|\[\d\]|expected/i);
  await summary.getByRole("link", { name: "Team slug: already taken" }).click();
  await expect(card.getByLabel("Team slug")).toBeFocused();
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    expect(await seriousViolations(page), theme).toEqual([]);
  }
});
