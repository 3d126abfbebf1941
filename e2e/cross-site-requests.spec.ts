import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { stringify } from "yaml";
import { createToken, descriptor, expect, registerProduct, signInApi, signInPage, test, unique } from "./support/fixtures";

// A page on another origin must not act with a signed-in user's session cookie (CSRF); machines with a
// token, and the app's own pages, are not affected.

const EVIL = "http://evil.example";

async function tokenNames(api: APIRequestContext): Promise<string[]> {
  const { items } = await (await api.get("/api/v1/tokens")).json();
  return items.map((t: { name: string }) => t.name);
}

async function expectRefused(response: APIResponse, what: string) {
  expect(response.status(), what).toBe(403);
  expect((await response.json()).error.code, what).toBe("cross_site_request");
}

test("cross-site PATCH, form POST and text/plain POST with a session cookie are refused, and nothing is written", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Cross Site")));
  const name = unique("csrf-token");

  await expectRefused(await owner.patch(`/api/v1/data-products/${product.id}`, { headers: { origin: EVIL }, data: { description: "changed cross-site" } }), "PATCH");
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { origin: EVIL }, form: { name } }), "form POST");
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { origin: EVIL, "content-type": "text/plain" }, data: JSON.stringify({ name }) }), "text/plain POST");
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { "sec-fetch-site": "cross-site" }, data: { name } }), "Sec-Fetch-Site: cross-site");
  // Another port of the same host is another origin of the same site: refused too.
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { origin: "http://localhost:1", "sec-fetch-site": "same-site" }, data: { name } }), "same-site");
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { origin: "null" }, data: { name } }), "Origin: null");
  await expectRefused(await owner.delete(`/api/v1/tokens/${encodeURIComponent("any")}`, { headers: { origin: EVIL } }), "DELETE");
  await expectRefused(await owner.get("/api/v1/tokens", { headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors" } }), "cross-site GET");

  // Neither header (an old browser, or a script with the cookie): only a JSON or YAML body is accepted.
  await expectRefused(await owner.post("/api/v1/tokens", { form: { name } }), "form POST without Origin");
  await expectRefused(await owner.post("/api/v1/tokens", { headers: { "content-type": "text/plain" }, data: JSON.stringify({ name }) }), "text/plain POST without Origin");
  await expectRefused(await owner.patch(`/api/v1/data-products/${product.id}`, { multipart: { description: "changed" } }), "multipart PATCH without Origin");

  expect(await tokenNames(owner)).not.toContain(name);
  expect((await (await owner.get(`/api/v1/data-products/${product.id}`)).json()).description).not.toContain("changed");
});

test("the registry API takes no session cookie at all, so another site cannot use it either", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const write = await owner.post("/api/schema-registry/subjects/orders.cross-site-value/versions", {
    headers: { origin: EVIL, "content-type": "text/plain" },
    data: JSON.stringify({ schema: JSON.stringify({ type: "string" }) }),
  });
  expect(write.status()).toBe(401);
  expect((await owner.get("/api/schema-registry/subjects")).status()).toBe(401);
});

test("the same cross-site calls with a Bearer token work", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Cross Site Bearer")));
  const machine = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${await createToken(owner)}`, origin: EVIL, "sec-fetch-site": "cross-site" } });

  const patched = await machine.patch(`/api/v1/data-products/${product.id}`, { data: { description: "changed by a machine" } });
  expect(patched.status()).toBe(200);
  const name = unique("machine-token");
  expect((await machine.post("/api/v1/tokens", { data: { name } })).status()).toBe(201);
  expect((await machine.get("/api/v1/tokens")).status()).toBe(200);
  expect(await tokenNames(owner)).toContain(name);
});

test("same-origin calls with the session cookie work", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const product = await registerProduct(owner, descriptor("orders", "order-platform", unique("Same Origin")));
  const own = new URL(baseURL!).origin;

  const patched = await owner.patch(`/api/v1/data-products/${product.id}`, { headers: { origin: own, "sec-fetch-site": "same-origin" }, data: { description: "changed from the app" } });
  expect(patched.status()).toBe(200);
  const yaml = await owner.post("/api/v1/data-products", {
    headers: { origin: own, "content-type": "application/yaml" },
    data: stringify(descriptor("orders", "order-platform", unique("Yaml Same Origin"))),
  });
  expect(yaml.status()).toBe(201);
  // A link followed from another site (a top-level navigation) may still read.
  expect((await owner.get("/api/v1/me", { headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" } })).status()).toBe(200);
});

test("a page on another origin cannot act with a signed-in browser's cookie; the app's own pages can", async ({ page, baseURL }) => {
  await signInPage(page, "olivia@meshwork.dev");
  const name = unique("browser-csrf");
  const target = `${new URL(baseURL!).origin}/api/v1/tokens`;
  // Another port on localhost: a different origin but the same site, so the SameSite=Lax cookie goes along.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>attacker</title>
<form method="post" action="${target}"><input name="name" value="${name}-form"><button>win a prize</button></form>
<script>
  fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "${name}-plain" }) })
    .finally(() => { document.title = "sent"; });
</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "localhost", resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    await page.goto(`http://localhost:${port}/`);
    await expect(page).toHaveTitle("sent");
    await page.getByRole("button", { name: "win a prize" }).click();
    await expect(page.locator("body")).toContainText("cross_site_request");
  } finally {
    attacker.close();
  }
  const names = await tokenNames(page.request);
  expect(names).not.toContain(`${name}-form`);
  expect(names).not.toContain(`${name}-plain`);

  // The app's own token page still creates tokens with the same cookie.
  await page.goto("/settings/tokens");
  await expect(page.getByRole("main")).toBeVisible();
  const created = await page.evaluate(async (tokenName) => {
    const response = await fetch("/api/v1/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: tokenName }) });
    return response.status;
  }, `${name}-own`);
  expect(created).toBe(201);
});
