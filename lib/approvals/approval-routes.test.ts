import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { openApiDocument } from "@/lib/api-docs/openapi-document";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { pendingMajorVersion } from "./approval-fixtures";

// The approvals API as a client meets it: the inbox, decisions, error bodies; and the contract routes kept as aliases.

let admin: Actor;
let steward: Actor;
const tokens = new Map<string, string>();
const tokenOf = async (actor: Actor) => {
  if (!tokens.has(actor.id)) tokens.set(actor.id, (await createApiToken(actor, { name: "approvals test" })).token);
  return tokens.get(actor.id)!;
};
const call = async (actor: Actor, folder: string, method: string, params: Record<string, string> = {}, body?: string) => callRoute(folder, method, { params, token: await tokenOf(actor), body });

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

describe("/api/v1/approvals", () => {
  it("lists the inbox, decides once, and answers the wrong person with 403 and a second decision with 409 and the state", async () => {
    const producer = await createOwnedTeam(admin);
    const product = await registerProduct(producer.owner, { classification: "restricted" });
    await changeProductStatus(producer.owner, product.id, { status: "published" });
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id } });
    const consumer = await createOwnedTeam(admin);
    const { subscription } = await requestSubscription(consumer.member, { port: port.id, consumerTeam: consumer.team.id, purpose: "Fraud signals" });

    const inbox = await call(producer.owner, "api/v1/approvals", "GET");
    expect(inbox.status).toBe(200);
    const item = (await inbox.json()).items.find((i: { subjectId: string }) => i.subjectId === subscription.id);
    expect(item).toMatchObject({ purpose: "Fraud signals", step: { kind: "owner" }, requester: { id: consumer.member.id } });
    expect(typeof item.waitedMs).toBe("number");

    const byConsumer = await call(consumer.owner, "api/v1/approvals/[id]/approve", "POST", { id: item.id });
    expect(byConsumer.status).toBe(403);
    expect((await byConsumer.json()).error.code).toBe("forbidden");
    expect((await call(producer.member, "api/v1/approvals/[id]/approve", "POST", { id: item.id })).status).toBe(403);
    expect((await call(producer.owner, "api/v1/approvals/[id]/approve", "POST", { id: item.id }, "{not json")).status).toBe(400);

    const rejected = await call(producer.owner, "api/v1/approvals/[id]/reject", "POST", { id: item.id }, JSON.stringify({ comment: "Restricted to fraud team" }));
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ state: "rejected", steps: [{ state: "rejected", comment: "Restricted to fraud team" }, { state: "skipped" }] });

    const again = await call(steward, "api/v1/approvals/[id]/approve", "POST", { id: item.id });
    expect(again.status).toBe(409);
    const body = await again.json();
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain("rejected");
    expect(body.error.details).toContainEqual({ path: "state", message: "rejected" });

    const view = await call(consumer.member, "api/v1/approvals/[id]", "GET", { id: item.id });
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({ id: item.id, state: "rejected", canDecide: false });
    expect((await call(await createUser(), "api/v1/approvals/[id]", "GET", { id: item.id })).status).toBe(404);
  });

  it("keeps the contract-approval routes working beside it, on the same request", async () => {
    const { version } = await pendingMajorVersion(admin);

    const legacy = await call(steward, "api/v1/contract-approvals", "GET");
    expect((await legacy.json()).items.some((i: { id: string }) => i.id === version.id)).toBe(true);
    const inbox = await (await call(steward, "api/v1/approvals", "GET")).json();
    expect(inbox.items.find((i: { subjectId: string }) => i.subjectId === version.id)).toMatchObject({ subject: "contract_version", step: { kind: "steward" } });

    const approved = await call(steward, "api/v1/contracts/[id]/approve", "POST", { id: version.id }, JSON.stringify({ note: "migrated" }));
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ id: version.id, status: "active" });
    const again = await call(steward, "api/v1/contracts/[id]/reject", "POST", { id: version.id });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toBe("Contract version 2.0.0 is active, not waiting for approval.");
  });

  it("is described in the OpenAPI document", () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths["/approvals"])).toEqual(["get"]);
    expect(Object.keys(paths["/approvals/{id}"])).toEqual(["get"]);
    for (const path of ["/approvals/{id}/approve", "/approvals/{id}/reject"]) expect(Object.keys(paths[path]), path).toEqual(["post"]);
  });
});
