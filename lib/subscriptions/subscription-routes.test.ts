import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openApiDocument } from "@/lib/api-docs/openapi-document";
import { callRoute, loadRoute } from "@/lib/testing/call-route";
import { addMember, createUser } from "@/lib/testing/fixtures";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { consumerTeam, publishedProduct } from "./subscription-fixtures";

// The API as a client meets it: status codes, the Idempotency-Key header, error bodies, and the OpenAPI document.

let admin: Actor;
let steward: Actor;
const tokens = new Map<string, string>();
const tokenOf = async (actor: Actor) => {
  if (!tokens.has(actor.id)) tokens.set(actor.id, (await createApiToken(actor, { name: "subscriptions test" })).token);
  return tokens.get(actor.id)!;
};

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

afterAll(async () => {
  // Leave no provision job behind for a worker another test file starts on this database (it would make roles under the default prefix).
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%'`;
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** POST /api/v1/subscriptions with headers of our choosing (callRoute sends only the token). */
async function postSubscription(actor: Actor, body: unknown, headers: Record<string, string> = {}) {
  const handler = (await loadRoute("api/v1/subscriptions")).POST as Handler;
  const request = new Request("http://localhost/api/v1/subscriptions", { method: "POST", headers: { authorization: `Bearer ${await tokenOf(actor)}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return handler(request, { params: Promise.resolve({}) });
}

const call = async (actor: Actor, folder: string, method: string, params: Record<string, string>, body?: unknown, query?: string) =>
  callRoute(folder, method, { params, token: await tokenOf(actor), body: body === undefined ? undefined : JSON.stringify(body), query });

describe("the subscriptions API", () => {
  it("requests with an Idempotency-Key (201, a retry answers the first result), decides through the chain, and answers a second decision with 409 and the state", async () => {
    const { port, producers } = await publishedProduct(admin, { containsPersonalData: true });
    const analysts = await consumerTeam(admin);
    const body = { port: port.id, consumerTeam: analysts.team.slug, purpose: "Churn model", durationDays: 30 };

    const preview = await call(analysts.member, "api/v1/subscriptions/preview", "POST", {}, body);
    expect(preview.status).toBe(200);
    expect((await preview.json()).steps.map((s: { kind: string }) => s.kind)).toEqual(["owner", "steward"]);

    const created = await postSubscription(analysts.member, body, { "idempotency-key": "retry-me" });
    const retried = await postSubscription(analysts.member, body, { "idempotency-key": "retry-me" });
    expect(created.status).toBe(201);
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    const first = await created.json();
    expect((await retried.json()).id).toBe(first.id);
    expect(first).toMatchObject({ state: "pending_approval", durationDays: 30, approval: { steps: [{ kind: "owner", state: "pending" }, { kind: "steward", state: "waiting" }] } });

    const byConsumer = await call(analysts.owner, "api/v1/subscriptions/[id]/approve", "POST", { id: first.id });
    expect(byConsumer.status).toBe(403);
    expect((await byConsumer.json()).error.code).toBe("forbidden");
    expect((await call(producers.owner, "api/v1/subscriptions/[id]/approve", "POST", { id: first.id }, { comment: "ok" })).status).toBe(200);
    const approved = await call(steward, "api/v1/subscriptions/[id]/approve", "POST", { id: first.id });
    expect(approved.status).toBe(200);
    expect((await approved.json()).state).toBe("provisioning");

    const again = await call(steward, "api/v1/subscriptions/[id]/reject", "POST", { id: first.id }, { comment: "too late" });
    expect(again.status).toBe(409);
    const error = (await again.json()).error;
    expect(error.message).toMatch(/already decided.*provisioning/);
    expect(error.details).toContainEqual({ path: "state", message: "approved" });

    const got = await call(analysts.member, "api/v1/subscriptions/[id]", "GET", { id: first.id });
    expect((await got.json()).grants).toMatchObject([{ kind: "postgres_select", state: "pending" }]);
    const listed = await call(analysts.member, "api/v1/subscriptions", "GET", {}, undefined, "mine=true&state=provisioning");
    expect((await listed.json()).items.map((s: { id: string }) => s.id)).toContain(first.id);
    expect((await call(await createUser(), "api/v1/subscriptions/[id]", "GET", { id: first.id })).status).toBe(404);
  });

  it("refuses a bad body with 422 naming the field, and a bad Idempotency-Key", async () => {
    const { port } = await publishedProduct(admin);
    const analysts = await consumerTeam(admin);
    const missing = await postSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.details).toContainEqual(expect.objectContaining({ path: "purpose" }));
    const badKey = await postSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "x y z" }, { "idempotency-key": "with space" });
    expect(badKey.status).toBe(422);
  });

  it("cancels a waiting request; rejects with a reason", async () => {
    const { port, producers } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const first = await (await postSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Ad hoc analysis" })).json();
    const cancelled = await call(analysts.member, "api/v1/subscriptions/[id]/cancel", "POST", { id: first.id }, { reason: "not needed" });
    expect(await cancelled.json()).toMatchObject({ state: "cancelled", reason: "not needed", approval: { state: "cancelled", steps: [{ state: "skipped" }] } });
    expect((await call(analysts.member, "api/v1/subscriptions/[id]/cancel", "POST", { id: first.id })).status).toBe(409);

    const second = await (await postSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Second attempt" })).json();
    const rejected = await call(producers.owner, "api/v1/subscriptions/[id]/reject", "POST", { id: second.id }, { comment: "Ask for the aggregate" });
    expect(await rejected.json()).toMatchObject({ state: "rejected", reason: "Ask for the aggregate" });
  });

  it("PUT /ports/{port}/access for owners, PUT /teams/{id}/principals for admins, GET consumers for everyone who sees the product", async () => {
    const { port, producers, product } = await publishedProduct(admin, { type: "kafka_topic" });
    const member = await addMember(admin, producers.team.id, await createUser(), "member");
    const settings = { selfService: true, maxDurationDays: 120, allowNoEnd: false };
    expect((await call(member, "api/v1/ports/[port]/access", "PUT", { port: port.id }, settings)).status).toBe(403);
    const put = await call(producers.owner, "api/v1/ports/[port]/access", "PUT", { port: `${product.urn}:rows` }, settings);
    expect(put.status).toBe(200);
    expect(await (await call(member, "api/v1/ports/[port]/access", "GET", { port: port.id })).json()).toMatchObject({ ...settings, canEdit: false });

    const analysts = await consumerTeam(admin);
    expect((await call(analysts.owner, "api/v1/teams/[id]/principals", "PUT", { id: analysts.team.id }, { kafkaPrincipal: "User:x", postgresRole: null })).status).toBe(403);
    const principals = await call(admin, "api/v1/teams/[id]/principals", "PUT", { id: analysts.team.id }, { kafkaPrincipal: `User:analytics-${analysts.team.slug}`, postgresRole: null });
    expect(await principals.json()).toMatchObject({ kafkaPrincipal: `User:analytics-${analysts.team.slug}`, effective: { postgresRole: expect.stringContaining("team_") } });

    const sub = await (await postSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Live dashboard" })).json();
    expect(sub.grants).toMatchObject([{ kind: "kafka_acl", principal: `User:analytics-${analysts.team.slug}`, state: "pending" }]);
    const consumers = await (await call(await createUser(), "api/v1/data-products/[id]/consumers", "GET", { id: product.id })).json();
    expect(consumers).toMatchObject({ teamCount: 1, consumers: [{ team: { id: analysts.team.id }, purpose: "Live dashboard" }] });
  });

  it("every subscriptions route is in the OpenAPI document", () => {
    const paths = Object.keys(openApiDocument().paths);
    for (const path of ["/subscriptions", "/subscriptions/preview", "/subscriptions/{id}", "/subscriptions/{id}/approve", "/subscriptions/{id}/reject", "/subscriptions/{id}/cancel", "/ports/{port}/access", "/teams/{id}/principals", "/data-products/{id}/consumers"]) {
      expect(paths, path).toContain(path);
    }
  });
});
