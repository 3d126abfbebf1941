import { descriptor, expect, productPath, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// What people may do follows their team: the UI hides what the API refuses, and the API refuses it anyway.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

test("a member of another domain sees no Edit or lifecycle buttons, and the API refuses his edit with 403", async ({ page, browser, playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  const name = unique("Order Cancellations");
  const product = await registerProduct(olivia, descriptor("orders", "order-platform", name), { publish: true });

  // The owner, for contrast, gets the actions.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInApi(owner.request, "olivia@meshwork.dev");
  await owner.goto(productPath(product));
  await expect(owner.getByRole("link", { name: "Edit", exact: true })).toBeVisible();
  await expect(owner.getByRole("button", { name: "Deprecate" })).toBeVisible();
  await ownerContext.close();

  await signInPage(page, "paul@meshwork.dev");
  await page.goto(productPath(product));
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText(name);
  await expect(page.getByRole("main").getByTestId("product-actions")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  for (const action of ["Publish", "Deprecate", "Retire"]) await expect(page.getByRole("button", { name: action })).toHaveCount(0);

  const refused = await page.goto(`${productPath(product)}/edit`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("main").getByTestId("forbidden")).toContainText("You do not have access to this page");
  await expect(page.getByRole("main").getByTestId("product-form")).toHaveCount(0);

  // The browser's own session, straight at the API.
  const edit = await page.request.patch(`/api/v1/data-products/${product.id}`, { data: { description: "Hijacked by another domain." } });
  expect(edit.status()).toBe(403);
  expect((await edit.json()).error.code).toBe("forbidden");
  const status = await page.request.post(`/api/v1/data-products/${product.id}/status`, { data: { status: "retired" } });
  expect(status.status()).toBe(403);
  await page.goto(productPath(product));
  await expect(page.getByRole("main").getByTestId("product-description")).not.toContainText("Hijacked");
  await expect(page.getByRole("main").getByTestId("product-header").getByTestId("status-badge")).toHaveText("Published");
});

test("a reader in no team has no Register link, and the register page tells them they cannot register", async ({ page }) => {
  await signInPage(page, "visitor@meshwork.dev");
  const nav = page.getByRole("navigation").first();
  await expect(nav.getByRole("link", { name: "Discover" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Register product" })).toHaveCount(0);

  await page.goto("/products/new");
  await expect(page.getByRole("main").getByTestId("no-teams")).toContainText("You are not in a team yet");
  await expect(page.getByRole("main").getByTestId("no-teams")).toContainText("Ask a platform admin to add you to a team");
  await expect(page.getByRole("main").getByTestId("product-form")).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "Upload descriptor" })).toHaveCount(0);

  const attempt = await page.request.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", unique("Analyst Product")) });
  expect(attempt.status()).toBe(403);
});

test("a draft is seen by its team but not by the analyst, in search, on its page or through the API", async ({ page, playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  const name = unique("Draft Refund Forecast");
  const draft = await registerProduct(olivia, descriptor("orders", "order-platform", name));
  expect((await olivia.get(`/api/v1/data-products/${draft.id}`)).status()).toBe(200);
  expect((await (await olivia.get(`/api/v1/search?q=${encodeURIComponent(name)}`)).json()).total).toBe(1);

  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto(`/search?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("main").getByTestId("search-empty")).toBeVisible();
  await expect(page.getByRole("main").getByTestId("result-count")).toContainText("0 data products");

  const hidden = await page.goto(productPath(draft));
  expect(hidden?.status()).toBe(404);
  await expect(page.getByRole("main").getByTestId("not-found")).toContainText("404 · Not found");
  await expect(page.getByText(name)).toHaveCount(0);

  expect((await page.request.get(`/api/v1/data-products/${draft.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/data-products/${encodeURIComponent(draft.urn)}`)).status()).toBe(404);
});
