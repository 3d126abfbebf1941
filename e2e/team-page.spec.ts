import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// The team page lists the team's products as its visitor may see them: a member sees the team's drafts, a user in
// no team sees only what is published. Page content is looked up inside <main> (a streamed page keeps a hidden copy).

const TEAM_PAGE = "/domains/orders/teams/order-platform";

test("a team member sees the team's new draft on the team page, linked and marked Draft; a user in no team does not", async ({ page, browser, request }) => {
  await signInApi(request, "omar@meshwork.dev");
  const name = unique("Team Draft");
  const draft = await registerProduct(request, descriptor("orders", "order-platform", name));

  await signInPage(page, "omar@meshwork.dev");
  await page.goto(TEAM_PAGE);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1, name: "Order Platform" })).toBeVisible();
  const row = main.getByTestId("domain-product").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId("status-badge")).toHaveText("Draft");
  await expect(row.getByRole("link", { name })).toHaveAttribute("href", productPath(draft));
  // The members card does not repeat the team's name, which the page's heading already shows.
  await expect(main.getByTestId("team-card").getByText("Order Platform", { exact: true })).toHaveCount(0);

  const visitor = await browser.newPage();
  try {
    await signInPage(visitor, "visitor@meshwork.dev");
    await visitor.goto(TEAM_PAGE);
    const visitorMain = visitor.getByRole("main");
    await expect(visitorMain.getByRole("heading", { level: 1, name: "Order Platform" })).toBeVisible();
    await expect(visitorMain.getByTestId("domain-product").first()).toBeVisible();
    await expect(visitorMain.getByTestId("domain-product").filter({ hasText: name })).toHaveCount(0);
  } finally {
    await visitor.close();
  }
});
