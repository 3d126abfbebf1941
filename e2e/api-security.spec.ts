import { createToken, descriptor, expect, signInApi, test, unique } from "./support/fixtures";

// Machines are first-class users: the API refuses the wrong caller and bad input with the right status,
// names every bad field, and writes nothing half-way.

test("an unauthenticated API call gets 401 in the error format", async ({ request }) => {
  const response = await request.get("/api/v1/data-products");
  expect(response.status()).toBe(401);
  const body = await response.json();
  expect(body.error.code).toBe("unauthenticated");
  const badToken = await request.get("/api/v1/search?q=orders", { headers: { authorization: "Bearer mw_not-a-real-token" } });
  expect(badToken.status()).toBe(401);
});

test("an analyst cannot register a product; an owner can, and a duplicate name is a conflict", async ({ playwright, baseURL }) => {
  const analyst = await playwright.request.newContext({ baseURL });
  await signInApi(analyst, "analyst@meshwork.dev");
  const name = unique("Analyst Attempt");
  const refused = await analyst.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", name) });
  expect(refused.status()).toBe(403);

  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const created = await owner.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", name) });
  expect(created.status()).toBe(201);
  const { urn } = await created.json();
  expect(urn).toMatch(/^urn:meshwork:orders:analyst-attempt-/);
  const again = await owner.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", name) });
  expect(again.status()).toBe(409);
});

test("a member of another domain cannot edit a product (403); an unknown id is 404", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const { id } = await (await owner.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", unique("Guarded")) })).json();

  const outsider = await playwright.request.newContext({ baseURL });
  await signInApi(outsider, "paul@meshwork.dev");
  const edit = await outsider.patch(`/api/v1/data-products/${id}`, { data: { description: "hijacked" } });
  // A draft is invisible to other domains, so the outsider cannot even tell it exists.
  expect([403, 404]).toContain(edit.status());
  await owner.post(`/api/v1/data-products/${id}/status`, { data: { status: "published" } });
  const editPublished = await outsider.patch(`/api/v1/data-products/${id}`, { data: { description: "hijacked" } });
  expect(editPublished.status()).toBe(403);
  expect((await (await owner.get(`/api/v1/data-products/${id}`)).json()).description).not.toBe("hijacked");

  expect((await owner.get("/api/v1/data-products/00000000-0000-0000-0000-000000000000")).status()).toBe(404);
  expect((await owner.get(`/api/v1/data-products/${encodeURIComponent("urn:meshwork:orders:no-such-product")}`)).status()).toBe(404);
});

test("bad input names every field, an oversized body is 413, and nothing is created", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const token = await createToken(owner);
  const before = (await (await owner.get("/api/v1/data-products?pageSize=1&status=draft")).json()).total;

  const bad = await owner.post("/api/v1/data-products", {
    data: { domain: "orders", team: "order-platform", classification: "secret", outputPorts: [{ name: "x", type: "kafka_topic", topic: "bad topic!" }] },
  });
  expect(bad.status()).toBe(422);
  const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path);
  expect(paths).toEqual(expect.arrayContaining(["name", "classification", "outputPorts[0].name", "outputPorts[0].topic"]));

  const yaml = "name: Broken Upload\ndomain: orders\nteam: order-platform\nclassification: top-secret\noutputPorts:\n  - name: events\n    type: stream\n";
  const upload = await owner.post("/api/v1/data-products", { headers: { "content-type": "application/yaml", authorization: `Bearer ${token}` }, data: yaml });
  expect(upload.status()).toBe(422);
  const uploadPaths = (await upload.json()).error.details.map((d: { path: string }) => d.path);
  expect(uploadPaths).toEqual(expect.arrayContaining(["classification", "outputPorts[0].type"]));

  const huge = await owner.post("/api/v1/data-products", { data: { ...descriptor("orders", "order-platform", unique("Huge")), description: "x".repeat(2_000_000) } });
  expect(huge.status()).toBe(413);

  const malformed = await owner.post("/api/v1/data-products", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(malformed.status()).toBe(400);

  const after = (await (await owner.get("/api/v1/data-products?pageSize=1&status=draft")).json()).total;
  expect(after).toBe(before);
});

test("API tokens: created once, used as Bearer, refused after revocation", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "omar@meshwork.dev");
  const created = await owner.post("/api/v1/tokens", { data: { name: unique("ci") } });
  const { id, token } = await created.json();
  expect(token).toMatch(/^mw_/);
  const listed = (await (await owner.get("/api/v1/tokens")).json()).items;
  expect(JSON.stringify(listed)).not.toContain(token);

  const machine = await playwright.request.newContext({ baseURL });
  expect((await machine.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  expect((await owner.delete(`/api/v1/tokens/${id}`)).status()).toBe(204);
  expect((await machine.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("the audit log is for stewards: analysts get 403, stewards see registrations with actor and diff", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signInApi(owner, "olivia@meshwork.dev");
  const { id } = await (await owner.post("/api/v1/data-products", { data: descriptor("orders", "order-platform", unique("Audited")) })).json();
  await owner.patch(`/api/v1/data-products/${id}`, { data: { description: "Now with a better description." } });

  const analyst = await playwright.request.newContext({ baseURL });
  await signInApi(analyst, "analyst@meshwork.dev");
  expect((await analyst.get("/api/v1/audit-events")).status()).toBe(403);

  const steward = await playwright.request.newContext({ baseURL });
  await signInApi(steward, "steward@meshwork.dev");
  const events = (await (await steward.get(`/api/v1/audit-events?entityId=${id}`)).json()).items;
  expect(events.map((e: { action: string }) => e.action)).toEqual(["product.update", "product.create"]);
  expect(events[0].actorLabel).toContain("olivia@meshwork.dev");
  expect(events[0].before.description).not.toBe(events[0].after.description);
  expect(events[0].after.description).toBe("Now with a better description.");
});
