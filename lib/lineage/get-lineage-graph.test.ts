import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ProductStatus } from "@/lib/generated/prisma/enums";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { getLineageGraph, type LineageGraph, type LineageHiddenNode, type LineageProductNode } from "./get-lineage-graph";

type Made = { id: string; urn: string; name: string; port: string };

let admin: Actor;
let ownerA: Actor;
let ownerB: Actor;
let analyst: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  ({ owner: ownerA } = await createOwnedTeam(admin));
  ({ owner: ownerB } = await createOwnedTeam(admin));
  analyst = await createUser();
});

/** A product of the owner's team with one topic port, in the given status (set directly: lineage only reads it). */
async function product(owner: Actor, status: ProductStatus = "published", name = unique("Lineage")): Promise<Made> {
  const created = await registerProduct(owner, { name });
  await db.dataProduct.update({ where: { id: created.id }, data: { status } });
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: created.id, direction: "output" } });
  return { id: created.id, urn: created.urn, name, port: port.id };
}

/** `reader` gets an input port reading `upstream`'s topic. */
async function reads(reader: Made, upstream: Made) {
  await db.port.create({ data: { dataProductId: reader.id, direction: "input", type: "kafka_topic", name: unique("in"), upstreamPortId: upstream.port } });
}

const productNodes = (g: LineageGraph) => g.nodes.filter((n): n is LineageProductNode => n.kind === "product");
const node = (g: LineageGraph, p: Made) => productNodes(g).find((n) => n.id === p.id);
const names = (g: LineageGraph) => productNodes(g).map((n) => n.name).sort();
const lineageEdges = (g: LineageGraph) => g.edges.filter((e) => e.kind === "input_port" && !e.source.startsWith("hidden:") && !e.target.startsWith("hidden:")).map((e) => `${e.source}>${e.target}`).sort();

describe("the lineage graph query", () => {
  it("walks as many hops as asked in each direction and counts the neighbours beyond", async () => {
    const src2 = await product(ownerA);
    const src1 = await product(ownerA);
    const focus = await product(ownerA);
    const d1 = await product(ownerA);
    const d2 = await product(ownerA);
    const d3 = await product(ownerA);
    await reads(src1, src2);
    await reads(focus, src1);
    await reads(d1, focus);
    await reads(d2, d1);
    await reads(d3, d2);

    const oneHop = await getLineageGraph(analyst, { focus: focus.urn });
    expect(names(oneHop)).toEqual([src1.name, focus.name, d1.name].sort());
    expect(node(oneHop, src1)).toMatchObject({ depth: -1, hidden: { upstream: 1, downstream: 0 } });
    expect(node(oneHop, d1)).toMatchObject({ depth: 1, hidden: { upstream: 0, downstream: 1 } });
    expect(node(oneHop, focus)).toMatchObject({ depth: 0, hidden: { upstream: 0, downstream: 0 }, neighbours: { upstream: 1, downstream: 1 } });
    expect(lineageEdges(oneHop)).toEqual([`${src1.id}>${focus.id}`, `${focus.id}>${d1.id}`].sort());

    const twoDown = await getLineageGraph(analyst, { focus: focus.urn, up: "0", down: "2" });
    expect(names(twoDown)).toEqual([focus.name, d1.name, d2.name].sort());
    expect(node(twoDown, focus)!.hidden.upstream).toBe(1);
    expect(node(twoDown, d2)).toMatchObject({ depth: 2, hidden: { downstream: 1 } });

    const all = await getLineageGraph(analyst, { focus: focus.urn, depth: "10" });
    expect(names(all)).toEqual([src2, src1, focus, d1, d2, d3].map((p) => p.name).sort());
    expect(productNodes(all).every((n) => n.hidden.upstream === 0 && n.hidden.downstream === 0)).toBe(true);
    expect(node(all, src2)!.depth).toBe(-2);
    expect(node(all, d3)!.depth).toBe(3);
  });

  it("ends on cycles: A reads B reads A, at any depth", async () => {
    const a = await product(ownerA);
    const b = await product(ownerA);
    const c = await product(ownerA);
    await reads(a, b);
    await reads(b, a);
    await reads(c, b);
    await reads(a, c);
    const graph = await getLineageGraph(analyst, { focus: a.urn, depth: "10" });
    expect(names(graph)).toEqual([a.name, b.name, c.name].sort());
    expect(lineageEdges(graph)).toEqual([`${b.id}>${a.id}`, `${a.id}>${b.id}`, `${b.id}>${c.id}`, `${c.id}>${a.id}`].sort());
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
  });

  it("shows another team's draft as “1 hidden product”, never by name, and walks no further through it", async () => {
    const focus = await product(ownerA);
    const draft = await product(ownerB, "draft");
    const behindDraft = await product(ownerB);
    const mine = await product(ownerA, "draft");
    await reads(draft, focus);
    await reads(behindDraft, draft);
    await reads(mine, focus);

    const graph = await getLineageGraph(analyst, { focus: focus.urn, depth: "3" });
    expect(names(graph)).toEqual([focus.name]);
    const hidden = graph.nodes.filter((n): n is LineageHiddenNode => n.kind === "hidden");
    expect(hidden).toEqual([{ kind: "hidden", id: `hidden:${focus.id}:downstream`, count: 2, of: focus.id, direction: "downstream" }]);
    const text = JSON.stringify(graph);
    for (const secret of [draft.name, draft.urn, draft.id, draft.port, behindDraft.name, behindDraft.id, mine.name, mine.id]) expect(text).not.toContain(secret);

    // The owning team sees its own draft; the other draft stays one hidden product.
    const asOwnerA = await getLineageGraph(ownerA, { focus: focus.urn, depth: "3" });
    expect(names(asOwnerA)).toEqual([focus.name, mine.name].sort());
    expect(asOwnerA.nodes.filter((n) => n.kind === "hidden")).toEqual([expect.objectContaining({ count: 1, of: focus.id, direction: "downstream" })]);
    expect(JSON.stringify(asOwnerA)).not.toContain(draft.name);

    const asOwnerB = await getLineageGraph(ownerB, { focus: focus.urn, depth: "3" });
    expect(names(asOwnerB)).toEqual([focus.name, draft.name, behindDraft.name].sort());
    expect(asOwnerB.nodes.filter((n) => n.kind === "hidden")).toEqual([expect.objectContaining({ count: 1, of: focus.id })]);
  });

  it("counts hidden neighbours per node and direction, and pages a wide node with a cursor", async () => {
    const focus = await product(ownerA);
    const readers = await Promise.all(Array.from({ length: 5 }, () => product(ownerA)));
    for (const r of readers) await reads(r, focus);
    const upstreams = await Promise.all(Array.from({ length: 3 }, () => product(ownerA)));
    for (const u of upstreams) await reads(focus, u);
    const byId = [...readers].sort((x, y) => x.id.localeCompare(y.id));

    const first = await getLineageGraph(analyst, { focus: focus.id, limit: "2", up: "0" });
    expect(productNodes(first).map((n) => n.id).sort()).toEqual([focus.id, byId[0].id, byId[1].id].sort());
    expect(node(first, focus)).toMatchObject({ hidden: { upstream: 3, downstream: 3 }, neighbours: { upstream: 3, downstream: 5 } });
    expect(first.cursors.downstream).toEqual(expect.any(String));
    expect(first.cursors.upstream).toBeNull();

    const second = await getLineageGraph(analyst, { focus: focus.id, limit: "2", cursor: first.cursors.downstream! });
    expect(productNodes(second).map((n) => n.id).sort()).toEqual([focus.id, byId[2].id, byId[3].id].sort());
    const third = await getLineageGraph(analyst, { focus: focus.id, limit: "2", cursor: second.cursors.downstream! });
    expect(productNodes(third).map((n) => n.id).sort()).toEqual([focus.id, byId[4].id].sort());
    expect(third.cursors.downstream).toBeNull();
  });

  it("draws materialization inside a product and consumer teams as nodes, and filters by edge kind", async () => {
    const { team: consumer } = await createOwnedTeam(admin);
    const name = unique("Materialized");
    const created = await registerProduct(ownerA, {
      name,
      outputPorts: [
        { name: "events", type: "kafka_topic", topic: `${name.toLowerCase()}.events` },
        { name: "table", type: "table", table: `lineage_test.${name.toLowerCase().replace(/-/g, "_")}`, materializedFrom: "events" },
      ],
    });
    await db.dataProduct.update({ where: { id: created.id }, data: { status: "published" } });
    const ports = await db.port.findMany({ where: { dataProductId: created.id } });
    const topic = ports.find((p) => p.type === "kafka_topic")!;
    const table = ports.find((p) => p.type === "table")!;
    await db.subscription.create({ data: { portId: table.id, consumerTeamId: consumer.id, purpose: "reporting", state: "active" } });

    const graph = await getLineageGraph(analyst, { focus: created.urn });
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "materialization", source: created.id, target: created.id, sourcePort: topic.id, targetPort: table.id }),
        expect.objectContaining({ kind: "subscription", source: created.id, target: `team:${consumer.id}`, sourcePort: table.id }),
      ]),
    );
    expect(graph.nodes).toContainEqual(expect.objectContaining({ kind: "team", id: `team:${consumer.id}`, name: consumer.name }));
    expect(node(graph, { id: created.id } as Made)!.ports.map((p) => p.name)).toEqual(["events", "table"]);

    const onlyPorts = await getLineageGraph(analyst, { focus: created.urn, kinds: "input_port" });
    expect(onlyPorts.edges.filter((e) => e.kind !== "input_port")).toEqual([]);
    expect(onlyPorts.nodes.filter((n) => n.kind === "team")).toEqual([]);
  });

  it("refuses products the caller may not see and bad parameters, naming the field", async () => {
    const draft = await product(ownerB, "draft");
    await expectMeshworkError(getLineageGraph(analyst, { focus: draft.urn }), "not_found");
    const tooDeep = await expectMeshworkError(getLineageGraph(analyst, { focus: draft.urn, depth: "11" }), "validation_failed");
    expect(tooDeep.details).toEqual([expect.objectContaining({ path: "depth" })]);
    const badKind = await expectMeshworkError(getLineageGraph(analyst, { focus: draft.urn, kinds: "input_port,nonsense" }), "validation_failed");
    expect(badKind.details[0].path).toMatch(/^kinds/);
    const badCursor = await expectMeshworkError(getLineageGraph(analyst, { focus: draft.urn, cursor: "not-a-cursor" }), "validation_failed");
    expect(badCursor.details[0].path).toBe("cursor");
  });
});

describe("GET /api/v1/lineage", () => {
  it("answers the graph to a signed-in caller, 401 to nobody and 404 for another team's draft", async () => {
    const focus = await product(ownerA);
    const draft = await product(ownerB, "draft");
    const token = (await createApiToken(analyst, { name: "lineage" })).token;

    const anonymous = await callRoute("api/v1/lineage", "GET", { query: `focus=${encodeURIComponent(focus.urn)}` });
    expect(anonymous.status).toBe(401);
    const ok = await callRoute("api/v1/lineage", "GET", { query: `focus=${encodeURIComponent(focus.urn)}&depth=2&kinds=input_port,subscription`, token });
    expect(ok.status).toBe(200);
    expect((await ok.json()).nodes).toEqual([expect.objectContaining({ kind: "product", urn: focus.urn })]);
    const hidden = await callRoute("api/v1/lineage", "GET", { query: `focus=${encodeURIComponent(draft.urn)}`, token });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain(draft.name);
    const missing = await callRoute("api/v1/lineage", "GET", { token });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.details).toEqual([expect.objectContaining({ path: "focus" })]);
  });
});
