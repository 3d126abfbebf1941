import { descriptor, expect, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// An analyst finds data by searching, even with a typo, narrows the results with facets and sorting,
// reads a product's ports and lineage, and comes back to exactly the results they left.
// Page content is looked up inside <main>: while a page streams in, React briefly keeps a hidden copy at the end of <body>.

const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

test("an analyst finds a product despite a typo, filters by domain, sorts by name, opens it and goes back", async ({ page, playwright, baseURL }) => {
  // Two published products about fulfilment in two domains, so the domain facet has something to narrow.
  const shippingName = unique("Fulfilment Delays");
  const ordersName = unique("Fulfilment Backlog");
  const sam = await playwright.request.newContext({ baseURL });
  await signInApi(sam, "sam@meshwork.dev");
  await registerProduct(
    sam,
    descriptor("shipping", "logistics", shippingName, {
      description: "Orders whose fulfilment missed the promised delivery date, with the late milestone.",
      inputPorts: [{ name: "fulfilment-status", from: { product: "urn:meshwork:shipping:order-fulfilment-sla", port: "fulfilment-status" } }],
    }),
    { publish: true },
  );
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  await registerProduct(olivia, descriptor("orders", "order-platform", ordersName, { description: "Orders waiting for fulfilment, per warehouse." }), { publish: true });

  await signInPage(page, "analyst@meshwork.dev");
  // Signing in lands on the home dashboard; Discover is one click away.
  await expect(page.getByTestId("home-dashboard")).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Discover" }).click();
  await expect(page).toHaveURL(/\/search$/);
  const searchBox = page.getByRole("searchbox", { name: "Search data products" });
  await page.getByRole("heading", { name: "Discover data products" }).click();
  await expect(searchBox).not.toBeFocused();
  await page.keyboard.press("/");
  await expect(searchBox).toBeFocused();
  await page.keyboard.type("fulfilmnet");

  await expect(page).toHaveURL(/[?&]q=fulfilmnet(&|$)/);
  await expect(page.getByRole("main").getByTestId("did-you-mean")).toContainText("Did you mean fulfilment?");
  const results = page.getByRole("main").getByTestId("search-result-link");
  await expect(results.filter({ hasText: "Order Fulfilment SLA" })).toBeVisible();
  await expect(results.filter({ hasText: shippingName })).toBeVisible();
  await expect(results.filter({ hasText: ordersName })).toBeVisible();

  const count = page.getByRole("main").getByTestId("result-count");
  await expect(count).toContainText("for “fulfilmnet”");
  const totalBefore = Number(await count.locator("span").first().textContent());

  const shipping = page.getByRole("main").getByTestId("facet-domain").getByRole("checkbox", { name: /^Shipping \(\d+\)$/ });
  const shippingCount = Number((await shipping.getAttribute("aria-label"))!.match(/\((\d+)\)/)![1]);
  expect(shippingCount).toBeLessThan(totalBefore);
  await shipping.check();
  await expect(page).toHaveURL(/[?&]domain=shipping(&|$)/);
  await expect(count).toHaveText(new RegExp(`^${shippingCount} data products? for “fulfilmnet”$`));
  await expect(page.getByRole("main").getByTestId("active-filters")).toContainText("Domain: Shipping");
  await expect(results.filter({ hasText: ordersName })).toHaveCount(0);
  const shippingNames = await results.allTextContents();
  expect(shippingNames).toEqual(expect.arrayContaining(["Order Fulfilment SLA", shippingName]));

  await page.getByRole("combobox", { name: "Sort by" }).selectOption({ label: "Name" });
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  await expect(results).toHaveText([...shippingNames].sort(byName));

  await results.filter({ hasText: "Order Fulfilment SLA" }).click();
  await expect(page).toHaveURL(/\/products\/shipping\/order-fulfilment-sla$/);
  await expect(page.getByRole("main").getByTestId("product-name")).toHaveText("Order Fulfilment SLA");
  const ports = page.getByRole("main").getByTestId("output-port");
  await expect(ports.filter({ hasText: "fulfilment-status" }).first()).toContainText("shipping.fulfilment-status.v1");
  await expect(ports.filter({ hasText: "order-fulfilment-sla-table" })).toContainText("analytics.order_fulfilment_sla");
  const upstream = page.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="upstream"]');
  for (const name of ["Orders", "Shipments", "Carrier Events"]) await expect(upstream.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="downstream"]').getByRole("link", { name: shippingName })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/search\?/);
  const params = new URL(page.url()).searchParams;
  expect({ q: params.get("q"), domain: params.getAll("domain"), sort: params.get("sort") }).toEqual({ q: "fulfilmnet", domain: ["shipping"], sort: "name" });
  await expect(searchBox).toHaveValue("fulfilmnet");
  await expect(shipping).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Sort by" })).toHaveValue("name");
  await expect(count).toHaveText(new RegExp(`^${shippingCount} data products? for “fulfilmnet”$`));
  await expect(results).toHaveText([...shippingNames].sort(byName));
});

test("taking the did-you-mean suggestion finds Customer 360, whose page lists its ports and every upstream product", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto("/search?q=custmer%20360");
  const suggestion = page.getByRole("main").getByTestId("did-you-mean");
  await expect(suggestion).toContainText("Did you mean customer 360?");
  await suggestion.getByRole("button", { name: "customer 360" }).click();
  await expect(page.getByRole("searchbox", { name: "Search data products" })).toHaveValue("customer 360");
  await expect(page).toHaveURL(/[?&]q=customer\+360(&|$)/);
  await expect(page.getByRole("main").getByTestId("did-you-mean")).toBeHidden();

  await page.getByRole("main").getByTestId("search-result-link").filter({ hasText: /^Customer 360$/ }).click();
  await expect(page).toHaveURL(/\/products\/customers\/customer-360$/);
  await expect(page.getByRole("main").getByTestId("output-ports")).toContainText("customers.profile-changes.v1");
  await expect(page.getByRole("main").getByTestId("output-ports")).toContainText("analytics.customer_360");
  const upstream = page.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="upstream"]');
  await expect(upstream).toHaveCount(5);
  for (const name of ["Customers", "Orders", "Order Fulfilment SLA", "Loyalty Points", "Sessions"]) await expect(upstream.getByRole("link", { name, exact: true })).toBeVisible();
  await upstream.getByRole("link", { name: "Order Fulfilment SLA", exact: true }).click();
  await expect(page).toHaveURL(/\/products\/shipping\/order-fulfilment-sla$/);
  await expect(page.getByRole("main").getByTestId("lineage-graph").locator('[data-lineage-side="downstream"]').getByRole("link", { name: "Customer 360", exact: true })).toBeVisible();
});

test("a selected facet value keeps its place in the facet list", async ({ page, playwright, baseURL }) => {
  const word = unique("zqfacet").replace(/[^a-z]/g, "");
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  // Tags on 3, 2 and 1 of the products: the facet lists them in that order.
  const tags = [`${word}-gold`, `${word}-silver`, `${word}-bronze`];
  for (const [i, tagged] of [tags, tags.slice(0, 2), tags.slice(0, 1)].entries()) {
    await registerProduct(olivia, descriptor("orders", "order-platform", unique(`Facet Order ${i}`), { description: `Facet order check ${word}.`, tags: tagged }), { publish: true });
  }

  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto(`/search?q=${word}`);
  const tagFacet = page.getByRole("main").getByTestId("facet-tag");
  const order = async () => (await tagFacet.getByRole("checkbox").evaluateAll((boxes) => boxes.map((b) => b.getAttribute("aria-label")))).filter((l) => l?.startsWith(word));
  await expect(tagFacet.getByRole("checkbox", { name: `${tags[2]} (1)` })).toBeVisible();
  const before = await order();
  expect(before).toEqual([`${tags[0]} (3)`, `${tags[1]} (2)`, `${tags[2]} (1)`]);

  await tagFacet.getByRole("checkbox", { name: `${tags[2]} (1)` }).check();
  await expect(page).toHaveURL(new RegExp(`[?&]tag=${tags[2]}(&|$)`));
  await expect(page.getByRole("main").getByTestId("result-count")).toContainText("1 data product");
  await expect(tagFacet.getByRole("checkbox", { name: `${tags[2]} (1)` })).toBeChecked();
  expect(await order()).toEqual(before);

  await tagFacet.getByRole("checkbox", { name: `${tags[1]} (2)` }).check();
  await expect(page.getByRole("main").getByTestId("result-count")).toContainText("2 data products");
  expect(await order()).toEqual(before);
});

test("the empty search offers registering a data product to a team owner, not to a user in no team", async ({ browser }) => {
  const nothing = unique("zqnothing").replace(/[^a-z]/g, "");
  for (const { email, canRegister } of [
    { email: "visitor@meshwork.dev", canRegister: false },
    { email: "olivia@meshwork.dev", canRegister: true },
  ]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInApi(page.request, email);
    await page.goto(`/search?q=${nothing}`);
    const empty = page.getByRole("main").getByTestId("search-empty");
    await expect(empty).toContainText(`No products match “${nothing}”`);
    const register = empty.getByRole("link", { name: "Register a data product" });
    if (canRegister) {
      await register.click();
      await expect(page).toHaveURL(/\/products\/new$/);
    } else {
      await expect(register).toHaveCount(0);
      await expect(empty).toContainText("ask the team that owns it to register it");
    }
    await context.close();
  }
});
