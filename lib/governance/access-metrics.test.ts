import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setClock } from "@/lib/clock";
import { callRoute } from "@/lib/testing/call-route";
import { createDomainWithTeam, createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { getAccessMetrics } from "./get-access-metrics";

const NOW = new Date("2041-06-15T12:00:00Z");
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(NOW.getTime() - hours * HOUR);

let admin: Actor;
let steward: Actor;
let domains: { a: string; b: string };
let expected: { waitingFirst: string; waitingSecond: string };

/** One subscription of a fresh consumer team to `portId`, requested `requestedHoursAgo`, active `ttaHours` later (if given). */
async function subscription(portId: string, requestedHoursAgo: number, { ttaHours, auto = false, steps = [] as { state: "approved" | "pending" | "waiting"; decidedHoursAgo?: number }[] }: { ttaHours?: number; auto?: boolean; steps?: { state: "approved" | "pending" | "waiting"; decidedHoursAgo?: number }[] } = {}) {
  const { team } = await createDomainWithTeam(admin);
  const createdAt = ago(requestedHoursAgo);
  const active = ttaHours !== undefined;
  const s = await db.subscription.create({
    data: { portId, consumerTeamId: team.id, purpose: "metrics test", state: active ? "active" : "pending_approval", createdAt, approvedAt: active ? createdAt : null, activatedAt: active ? new Date(createdAt.getTime() + ttaHours * HOUR) : null },
  });
  const request = await db.approvalRequest.create({
    data: {
      subject: "subscription",
      subjectId: s.id,
      state: auto || (active && steps.length === 0) ? "approved" : steps.some((st) => st.state !== "approved") ? "pending" : "approved",
      createdAt,
      steps: {
        create: (auto ? [] : steps.length > 0 ? steps : [{ state: "approved" as const, decidedHoursAgo: requestedHoursAgo - 0.5 }]).map((st, position) => ({
          position,
          kind: "steward" as const,
          state: st.state,
          decidedAt: st.decidedHoursAgo === undefined ? null : ago(st.decidedHoursAgo),
        })),
      },
    },
  });
  return { subscription: s, request };
}

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  const providerA = await createOwnedTeam(admin);
  const providerB = await createOwnedTeam(admin);
  const portOf = async (owner: Actor) => (await db.port.findFirstOrThrow({ where: { dataProductId: (await registerProduct(owner)).id, direction: "output" } })).id;
  const [portA, portB] = [await portOf(providerA.owner), await portOf(providerB.owner)];
  domains = { a: providerA.domain.slug, b: providerB.domain.slug };

  // Domain A: five requests that reached access after 1, 2, 3, 4 and 10 hours, two of them approved at once by policy.
  for (const [i, tta] of [1, 2, 3, 4, 10].entries()) await subscription(portA, 100 + i * 24, { ttaHours: tta, auto: i < 2 });
  // Domain B: two that took 24 and 48 hours, one still waiting (a steward's step, pending for 30 hours), and one whose
  // second step became pending 50 hours ago (its first was decided then); one from 40 days ago is outside the window.
  await subscription(portB, 200, { ttaHours: 24 });
  await subscription(portB, 300, { ttaHours: 48 });
  const waitingSecond = await subscription(portB, 30, { steps: [{ state: "pending" }] });
  const waitingFirst = await subscription(portB, 60, { steps: [{ state: "approved", decidedHoursAgo: 50 }, { state: "pending" }] });
  await subscription(portB, 40 * 24, { ttaHours: 500 });
  expected = { waitingFirst: waitingFirst.request.id, waitingSecond: waitingSecond.request.id };
});

afterEach(() => resetClock());

describe("the governance view's access metrics", () => {
  it("computes time-to-access median and p90 per domain and overall, the auto-approved share, open requests and the longest waits", async () => {
    setClock(NOW);
    // Other files' waiting requests (made at real time, long before 2041) share the database: list enough of them.
    const metrics = await getAccessMetrics(steward, { limit: "100" });
    expect(metrics).toMatchObject({ days: 30, until: NOW.toISOString() });
    const ages = metrics.waitingLongest.map((w) => w.ageHours);
    expect(ages).toEqual([...ages].sort((x, y) => y - x));
    const a = metrics.byDomain.find((d) => d.domain?.slug === domains.a);
    const b = metrics.byDomain.find((d) => d.domain?.slug === domains.b);
    // percentile_cont interpolates: p90 of [1, 2, 3, 4, 10] is 4 + 0.6 × (10 − 4) = 7.6; of [24, 48], 24 + 0.9 × 24 = 45.6.
    expect(a).toMatchObject({ requests: 5, granted: 5, autoApproved: 2, autoApprovedShare: 0.4, medianHours: 3, p90Hours: 7.6 });
    expect(b).toMatchObject({ requests: 4, granted: 2, autoApproved: 0, autoApprovedShare: 0, medianHours: 36, p90Hours: 45.6 });
    // Overall [1, 2, 3, 4, 10, 24, 48]: median 4, p90 at position 5.4 → 24 + 0.4 × 24 = 33.6 (only these in 2041's window).
    expect(metrics.overall).toMatchObject({ domain: null, requests: 9, granted: 7, autoApproved: 2, medianHours: 4, p90Hours: 33.6 });
    expect(metrics.overall.autoApprovedShare).toBeCloseTo(2 / 9);

    const openB = metrics.openRequests.find((o) => o.domain.slug === domains.b);
    expect(openB).toMatchObject({ open: 2, oldestRequestedAt: ago(60).toISOString(), oldestAgeHours: 60 });
    expect(metrics.openRequests.find((o) => o.domain.slug === domains.a)).toBeUndefined();

    const mine = metrics.waitingLongest.filter((w) => [expected.waitingFirst, expected.waitingSecond].includes(w.requestId));
    expect(mine.map((w) => [w.requestId, w.ageHours])).toEqual([[expected.waitingFirst, 50], [expected.waitingSecond, 30]]);
    expect(mine[0]).toMatchObject({ subject: "subscription", step: { kind: "steward" }, domainSlug: domains.b, title: expect.stringContaining("Access to") });
  });

  it("narrows to the last N days", async () => {
    setClock(NOW);
    const metrics = await getAccessMetrics(steward, { days: "5" });
    // Only domain A's first request (100 h ago) and B's two waiting ones (30 h, 60 h) were made in the last 5 days.
    expect(metrics.byDomain.find((d) => d.domain?.slug === domains.a)).toMatchObject({ requests: 1, granted: 1, medianHours: 1, p90Hours: 1 });
    expect(metrics.byDomain.find((d) => d.domain?.slug === domains.b)).toMatchObject({ requests: 2, granted: 0, medianHours: null, p90Hours: null });
  });

  it("is refused to anyone but stewards and admins, through the API too, and names a bad query field", async () => {
    const { owner } = await createOwnedTeam(admin);
    const analyst = await createUser();
    for (const refused of [analyst, owner]) {
      await expectMeshworkError(getAccessMetrics(refused, {}), "forbidden");
      const response = await callRoute("api/v1/governance/access-metrics", "GET", { token: (await createApiToken(refused, { name: "metrics" })).token });
      expect(response.status).toBe(403);
    }
    expect((await callRoute("api/v1/governance/access-metrics", "GET")).status).toBe(401);
    const ok = await callRoute("api/v1/governance/access-metrics", "GET", { token: (await createApiToken(admin, { name: "metrics" })).token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ days: 30, overall: expect.any(Object), byDomain: expect.any(Array) });
    const bad = await expectMeshworkError(getAccessMetrics(steward, { days: "0" }), "validation_failed");
    expect(bad.details.map((d) => d.path)).toEqual(["days"]);
  });
});
