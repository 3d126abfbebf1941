import { describe, expect, it } from "vitest";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { db } from "@/lib/db";
import { callRoute } from "@/lib/testing/call-route";
import type { Actor } from "@/lib/auth/actor";
import { createOwnedTeam, createUser, registerProduct, unique } from "@/lib/testing/fixtures";
import { createApiToken } from "@/lib/tokens/create-api-token";

// Issue 10: GET /api/v1/ports/{port}/materialization follows the product's visibility; the owner routes (pause,
// resume, restart, replay) refuse everyone but the owning team's owners and admins.

const PORT = "api/v1/ports/[port]";

async function setUp() {
  const admin = await createUser({ role: "admin" });
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner, {
    outputPorts: [
      { name: "events", type: "kafka_topic", topic: `${unique("route")}.events` },
      { name: "rows", type: "table", table: `mwt_${unique("r").replace("-", "_")}.orders`, materializedFrom: "events" },
    ],
  });
  const token = async (actor: Actor) => (await createApiToken(actor, { name: "t" })).token;
  return { admin, team, product, portRef: `${product.urn}:rows`, topicRef: `${product.urn}:events`, owner: await token(team.owner), member: await token(team.member), stranger: await token(await createUser()) };
}

describe("/api/v1/ports/{port}/materialization", () => {
  it("shows the status to whoever sees the product, and a draft's to its team only", async () => {
    const t = await setUp();
    const mine = await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef }, token: t.member });
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ port: t.portRef, state: "waiting", topic: expect.stringMatching(/\.events$/), canOperate: false, deadLetters: { total: 0 } });
    expect((await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef }, token: t.stranger })).status).toBe(404);
    await changeProductStatus(t.admin, t.product.urn, { status: "published" });
    const seen = await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef }, token: t.stranger });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toMatchObject({ canOperate: false });
    expect((await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef }, token: t.owner }).then((r) => r.json())).canOperate).toBe(true);
    // A topic port has no materialization of its own.
    expect((await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.topicRef }, token: t.owner })).status).toBe(422);
    expect((await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef } })).status).toBe(401);
  });

  it("refuses pause, resume, restart and replay to a member and a stranger, and lets the owners act", async () => {
    const t = await setUp();
    await changeProductStatus(t.admin, t.product.urn, { status: "published" });
    const routes: [string, string | undefined][] = [
      ["materialization/pause", undefined],
      ["materialization/resume", undefined],
      ["materialization/restart", undefined],
      ["dead-letters/replay", JSON.stringify({ ids: ["1"] })],
    ];
    for (const [route, body] of routes) {
      for (const token of [t.member, t.stranger]) {
        const response = await callRoute(`${PORT}/${route}`, "POST", { params: { port: t.portRef }, token, body });
        expect(response.status, route).toBe(403);
        expect((await response.json()).error.message).toMatch(/Only owners of the team that owns/);
      }
    }
    const paused = await callRoute(`${PORT}/materialization/pause`, "POST", { params: { port: t.portRef }, token: t.owner });
    expect(await paused.json()).toMatchObject({ state: "paused", paused: true });
    const restarted = await callRoute(`${PORT}/materialization/restart`, "POST", { params: { port: t.portRef }, token: t.owner });
    expect(restarted.status).toBe(200);
    expect((await db.auditEvent.findMany({ where: { entityType: "port", action: { startsWith: "materialization." } , entityId: (await db.port.findFirstOrThrow({ where: { dataProductId: t.product.id, name: "rows" } })).id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["materialization.pause", "materialization.restart"]);
    const resumed = await callRoute(`${PORT}/materialization/resume`, "POST", { params: { port: t.portRef }, token: t.owner });
    expect(await resumed.json()).toMatchObject({ paused: false });
    const replay = await callRoute(`${PORT}/dead-letters/replay`, "POST", { params: { port: t.portRef }, token: t.owner, body: JSON.stringify({ ids: ["12345"] }) });
    expect(replay.status).toBe(409);
    expect((await callRoute(`${PORT}/dead-letters/replay`, "POST", { params: { port: t.portRef }, token: t.owner, body: JSON.stringify({ ids: [] }) })).status).toBe(422);
  });

  it("answers hostile input with a 4xx naming it: the caller's rights first, ids out of range, an id a thousand times, a port with nothing to pause", async () => {
    const t = await setUp();
    await changeProductStatus(t.admin, t.product.urn, { status: "published" });
    const post = (route: string, token: string, body?: unknown, port = t.portRef) => callRoute(`${PORT}/${route}`, "POST", { params: { port }, token, body: body === undefined ? undefined : JSON.stringify(body) });
    // Someone who may not replay is told so, whatever they sent.
    expect((await post("dead-letters/replay", t.member, { ids: ["abc"] })).status).toBe(403);
    // A cursor beyond bigint is a bad cursor, not a server error.
    const beyond = await callRoute(`${PORT}/dead-letters`, "GET", { params: { port: t.portRef }, token: t.owner, query: "before=99999999999999999999999999" });
    expect(beyond.status).toBe(422);
    expect((await beyond.json()).error.message).toMatch(/before/);
    // The same id a thousand times (and with a leading zero) is one id, and the answer names it once.
    const many = await post("dead-letters/replay", t.owner, { ids: [...Array(999).fill("111111111111111111"), "0111111111111111111"] });
    expect(many.status).toBe(409);
    const body = await many.json();
    expect(body.error.message).toBe(`No dead letter 111111111111111111 on ${t.portRef}.`);
    expect(body.error.details).toHaveLength(1);
    // Not yet seen by a worker: the lag is unknown, not zero.
    expect((await callRoute(`${PORT}/materialization`, "GET", { params: { port: t.portRef }, token: t.owner }).then((r) => r.json())).lag).toEqual({ messages: null, seconds: null });
    // A table port materialized from no topic has nothing to pause, resume or restart.
    const plain = await registerProduct(t.team.owner, { outputPorts: [{ name: "rows", type: "table", table: `mwt_${unique("p").replace("-", "_")}.daily` }] });
    for (const route of ["materialization/pause", "materialization/resume", "materialization/restart"]) {
      const response = await post(route, t.owner, undefined, `${plain.urn}:rows`);
      expect(response.status, route).toBe(409);
      expect((await response.json()).error.message, route).toMatch(/is not materialized from a topic port/);
    }
    expect(await db.auditEvent.count({ where: { entityType: "port", action: { startsWith: "materialization." }, entityId: (await db.port.findFirstOrThrow({ where: { dataProductId: plain.id } })).id } })).toBe(0);
  });
});
