import { descriptor, expect, productPath, registerProduct, signInApi, test, unique } from "./support/fixtures";

// A page for something that does not exist, or that the reader may not see, answers with the HTTP status 404
// (not a 200 carrying the not-found page), so crawlers, monitors and scripts can tell.

test("missing products, ports and contracts, and a draft seen by an outsider, answer HTTP 404", async ({ playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  const name = unique("Draft Not Found");
  const draft = await registerProduct(olivia, descriptor("orders", "order-platform", name));
  const product = productPath(draft);

  // The owning team sees its draft's pages.
  for (const path of [product, `${product}/edit`, `${product}/ports/events`, `${product}/ports/events/edit`]) {
    expect((await olivia.get(path)).status(), path).toBe(200);
  }

  const missing = [
    `/products/orders/${unique("no-such-product")}`,
    `/products/orders/${unique("no-such-product")}/edit`,
    `/products/${unique("no-such-domain")}/${draft.slug}`,
    `${product}/ports/${unique("no-such-port")}`,
    `${product}/ports/${unique("no-such-port")}/edit`,
    `/products/orders/${unique("no-such-product")}/ports/events`,
    `/products/by-urn/${encodeURIComponent(`urn:meshwork:orders:${unique("no-such-product")}`)}`,
  ];
  for (const path of missing) {
    const response = await olivia.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toContain("Not found");
  }

  // To an analyst in no team the draft does not exist: every page of it is a 404, like a missing one.
  const analyst = await playwright.request.newContext({ baseURL });
  await signInApi(analyst, "analyst@meshwork.dev");
  for (const path of [product, `${product}/edit`, `${product}/ports/events`, `${product}/ports/events/edit`, `${product}/ports/table`]) {
    const response = await analyst.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toContain(name);
  }
  await olivia.dispose();
  await analyst.dispose();
});

// The lookup decides the status, so nothing above it may stream: a Suspense fallback sent first would also leave a
// hidden second copy of the page at the end of <body> until React swaps it in (two contract verdicts at once).
test("product, port and contract editor pages arrive in one piece, with no streamed hidden copy", async ({ playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  const product = productPath(await registerProduct(olivia, descriptor("orders", "order-platform", unique("One Piece"))));
  for (const path of [product, `${product}/ports/events`, `${product}/ports/events/edit`]) {
    const html = await (await olivia.get(path)).text();
    expect(html, path).not.toMatch(/<div hidden id="S:\d+"/);
  }
  await olivia.dispose();
});

test("a domain that does not exist answers HTTP 404; the domains that do answer 200", async ({ playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  expect((await olivia.get("/domains/orders")).status()).toBe(200);
  for (const path of [`/domains/${unique("no-such-domain")}`, "/domains/%E0%A4%A", "/domains/abc%"]) {
    const response = await olivia.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).toContain("Not found");
  }
  await olivia.dispose();
});

test("a path whose percent-escape does not decode answers 404 (pages, registry) or 400 (API), never 500", async ({ playwright, baseURL }) => {
  const olivia = await playwright.request.newContext({ baseURL });
  await signInApi(olivia, "olivia@meshwork.dev");
  for (const bad of ["%25", "abc%", "%E0%A4%A", "%C0%AE"]) {
    for (const path of [`/products/orders/${bad}`, `/products/${bad}/orders`, `/products/orders/orders/ports/${bad}`, `/domains/${bad}`]) {
      const response = await olivia.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
    }
    for (const path of [`/api/v1/data-products/${bad}`, `/api/v1/domains/${bad}`, `/api/v1/ports/${bad}/contracts`]) {
      expect([400, 404], path).toContain((await olivia.get(path)).status());
    }
    const registry = await olivia.get(`/api/schema-registry/subjects/${bad}/versions`);
    expect([400, 401, 404], `registry ${bad}`).toContain(registry.status());
  }
  await olivia.dispose();
});
