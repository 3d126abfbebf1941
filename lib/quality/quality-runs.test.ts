import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, now, resetClock, setClock } from "@/lib/clock";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { db } from "@/lib/db";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/test-roles";
import { getPortQuality } from "./get-port-quality";
import { listIncidents, resolveIncident } from "./incidents";
import { qualityTablePort } from "./quality-fixtures";
import { getQualitySummaries } from "./quality-summary";
import { runPortQualityNow } from "./run-port-quality-now";
import { runTableQuality } from "./run-table-quality";
import { MASK } from "./sample-masking";

const prefix = testRolePrefix();
let admin: Actor;
let outsider: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  outsider = await createUser();
});
afterEach(() => resetClock());
afterAll(async () => {
  await closeDataPool();
  await dropRolesWithPrefix(process.env.DATABASE_URL!, prefix);
});

const currencyKey = "orders.currency:invalidValues";
const openIncidents = (portId: string) => db.qualityIncident.findMany({ where: { portId, state: "open" } });

describe("incidents", () => {
  it("a failing error check opens exactly one incident however many runs fail, two at once included; a passing run resolves it", async () => {
    const port = await qualityTablePort(admin);
    await port.insert([{}, {}, { currency: "EURO" }]);
    const first = await runTableQuality(port.port.id, { rolePrefix: prefix });
    expect(first.outcomes.find((o) => o.check.key === currencyKey)).toMatchObject({ status: "failed", measured: 1 });
    expect(first.opened).toHaveLength(1);
    await runTableQuality(port.port.id, { rolePrefix: prefix });
    await Promise.all([runTableQuality(port.port.id, { rolePrefix: prefix }), runTableQuality(port.port.id, { rolePrefix: prefix })]);
    const open = await openIncidents(port.port.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ checkKey: currencyKey, teamId: port.team.id, failedRuns: 4 });
    // The rowCount rule is a warning: it never opens an incident.
    expect(open.map((i) => i.checkKey)).not.toContain("orders:rowCount");
    const told = await db.notification.findMany({ where: { kind: "incident.opened", data: { path: ["incidentId"], equals: open[0].id } } });
    expect(told.map((n) => n.userId).sort()).toEqual([port.owner.id, port.member.id].sort());

    const client = await import("pg").then((pg) => new pg.default.Client({ connectionString: process.env.DATABASE_URL }));
    await client.connect();
    await client.query(`UPDATE ${port.schema}.${port.table} SET currency = 'EUR'`);
    await client.end();
    const passing = await runTableQuality(port.port.id, { rolePrefix: prefix });
    expect(passing.resolved).toEqual([open[0].id]);
    expect(await openIncidents(port.port.id)).toHaveLength(0);
    expect(await db.qualityIncident.findUniqueOrThrow({ where: { id: open[0].id } })).toMatchObject({ state: "resolved", resolution: "check_passed" });
    expect(await db.notification.count({ where: { kind: "incident.resolved", data: { path: ["incidentId"], equals: open[0].id } } })).toBe(2);
  });

  it("freshness fails when the producer stops and recovers when it resumes (controlled clock)", async () => {
    const port = await qualityTablePort(admin);
    setClock("2027-03-01T09:00:00Z");
    await port.insert([{ at: now() }]);
    const fresh = await runTableQuality(port.port.id, { rolePrefix: prefix });
    const freshness = (run: typeof fresh) => run.outcomes.find((o) => o.check.kind === "freshness")!;
    expect(freshness(fresh)).toMatchObject({ status: "passed", measured: 0 });
    advanceClock(20 * 60_000);
    const stale = await runTableQuality(port.port.id, { rolePrefix: prefix });
    expect(freshness(stale)).toMatchObject({ status: "failed", measured: 1200 });
    expect(stale.opened).toHaveLength(1);
    await port.insert([{ at: now() }]);
    const resumed = await runTableQuality(port.port.id, { rolePrefix: prefix });
    expect(freshness(resumed)).toMatchObject({ status: "passed", measured: 0 });
    expect(resumed.resolved).toEqual(stale.opened);
  });

  it("an owner resolves an incident with a reason; a member, an outsider or a second resolution is refused", async () => {
    const port = await qualityTablePort(admin);
    await port.insert([{ currency: "x" }]);
    const { opened } = await runTableQuality(port.port.id, { rolePrefix: prefix });
    await expectMeshworkError(resolveIncident(port.member, opened[0], { reason: "accepted" }), "forbidden");
    await expectMeshworkError(resolveIncident(outsider, opened[0], { reason: "accepted" }), "forbidden");
    await expectMeshworkError(resolveIncident(port.owner, opened[0], { reason: "because" }), "validation_failed");
    const resolved = await resolveIncident(port.owner, opened[0], { reason: "false_positive", note: "x is a test currency" });
    expect(resolved).toMatchObject({ state: "resolved", resolution: "false_positive", resolutionNote: "x is a test currency", resolvedBy: { id: port.owner.id } });
    await expectMeshworkError(resolveIncident(port.owner, opened[0], { reason: "accepted" }), "conflict");
    // Still failing: the next failing run opens a new incident, as the old one was closed by hand.
    const again = await runTableQuality(port.port.id, { rolePrefix: prefix });
    expect(again.opened).toHaveLength(1);
    expect(again.opened[0]).not.toBe(opened[0]);
  });

  it("the incident list shows open incidents of visible products with how long they have been open", async () => {
    const port = await qualityTablePort(admin);
    setClock("2027-03-01T09:00:00Z");
    await port.insert([{ order_id: null, at: now() }]);
    await runTableQuality(port.port.id, { rolePrefix: prefix });
    advanceClock(3_600_000);
    const listed = await listIncidents(outsider);
    const ours = listed.items.filter((i) => i.port.id === port.port.id);
    expect(ours.map((i) => i.check.key)).toEqual(["orders.order_id:nullValues"]);
    expect(ours[0]).toMatchObject({ openForSeconds: 3600, canResolve: false, team: { id: port.team.id } });
    expect((await listIncidents(port.owner)).items.find((i) => i.port.id === port.port.id)?.canResolve).toBe(true);
    await db.dataProduct.update({ where: { id: port.product.id }, data: { status: "draft" } });
    expect((await listIncidents(outsider)).items.filter((i) => i.port.id === port.port.id)).toEqual([]);
  });
});

describe("results as people see them", () => {
  it("failing-row samples mask personal data for a viewer without access to the port, not for its team", async () => {
    const port = await qualityTablePort(admin);
    await port.insert([{ currency: "EURO", email: "ada@example.com", order_id: "o-ada" }]);
    await runTableQuality(port.port.id, { rolePrefix: prefix });
    const sampleFor = async (actor: Actor) => (await getPortQuality(actor, port.port.id)).results.find((r) => r.checkKey === currencyKey)!.sample![0];
    expect(await sampleFor(port.member)).toMatchObject({ email: "ada@example.com", currency: "EURO", order_id: "o-ada" });
    const masked = await sampleFor(outsider);
    expect(masked).toMatchObject({ email: MASK, currency: "EURO" });
    expect(JSON.stringify(await getPortQuality(outsider, port.port.id))).not.toContain("ada@example.com");
  });

  it("the quality view has the score, each check, freshness and history; the summary feeds badges", async () => {
    const port = await qualityTablePort(admin);
    await port.insert([{}, { currency: "EURO" }]);
    await runTableQuality(port.port.id, { rolePrefix: prefix });
    const quality = await getPortQuality(outsider, port.port.id);
    expect(quality.counts).toEqual({ passed: 3, failed: 1, notEvaluated: 0 });
    expect(quality.score).toBe(0.75);
    expect(quality.freshness).toMatchObject({ status: "passed", threshold: "≤ 15 min" });
    expect(quality.history).toHaveLength(1);
    expect(quality.incidents).toHaveLength(1);
    const summary = (await getQualitySummaries([port.product.id])).get(port.product.id);
    expect(summary).toMatchObject({ score: 0.75, failed: 1, freshness: "fresh", openIncidents: 1 });
  });

  it("run now is for the owning team: an outsider is refused, a draft's port is not found for them", async () => {
    const port = await qualityTablePort(admin);
    await port.insert([{}]);
    await expectMeshworkError(runPortQualityNow(outsider, port.port.id, { rolePrefix: prefix }), "forbidden");
    const ran = await runPortQualityNow(port.member, port.port.id, { rolePrefix: prefix });
    expect(ran.latest).toMatchObject({ trigger: "manual" });
    await db.dataProduct.update({ where: { id: port.product.id }, data: { status: "draft" } });
    await expectMeshworkError(runPortQualityNow(outsider, port.port.id), "not_found");
    await expectMeshworkError(getPortQuality(outsider, port.port.id), "not_found");
  });
});
