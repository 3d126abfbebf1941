import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, resetClock, setClock } from "@/lib/clock";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { MeshworkError } from "@/lib/errors";
import { setTeamMember } from "@/lib/org/set-team-member";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { addMember, createOwnedTeam, createUser, expectMeshworkError, registerProduct, reload } from "@/lib/testing/fixtures";
import { decideApprovalStep } from "./decide-approval-step";
import { getApprovalRequest } from "./get-approval-request";
import { listApprovalInbox } from "./list-approval-inbox";

let admin: Actor;
let steward: Actor;
let secondSteward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  secondSteward = await createUser({ role: "steward" });
});

afterEach(() => resetClock());

type Sensitivity = { classification?: "public" | "internal" | "confidential" | "restricted"; selfService?: boolean; table?: boolean };

/**
 * A published product of a producing team with two owners, and a consumer team whose member (the analyst)
 * requests access to its port: confidential → owner then steward; internal without self-service → owner only.
 */
async function requestedSubscription({ classification = "confidential", selfService = true, table = false }: Sensitivity = {}) {
  const producer = await createOwnedTeam(admin);
  const secondOwner = await addMember(admin, producer.team.id, await createUser(), "owner");
  const location = `mwa_${Math.random().toString(16).slice(2, 10)}.orders`;
  const product = await registerProduct(producer.owner, { classification, ...(table ? { outputPorts: [{ name: "rows", type: "table", table: location }] } : {}) });
  await changeProductStatus(producer.owner, product.id, { status: "published" });
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id } });
  if (!selfService) await db.port.update({ where: { id: port.id }, data: { selfService: false } });
  const consumer = await createOwnedTeam(admin);
  const { subscription } = await requestSubscription(consumer.member, { port: port.id, consumerTeam: consumer.team.id, purpose: "Monthly revenue report" });
  const request = await db.approvalRequest.findUniqueOrThrow({ where: { subject_subjectId: { subject: "subscription", subjectId: subscription.id } }, include: { steps: { orderBy: { position: "asc" } } } });
  return { producer, secondOwner, consumer, analyst: consumer.member, product, port, subscription, request };
}

const stepsOf = (requestId: string) => db.approvalStep.findMany({ where: { requestId }, orderBy: { position: "asc" } });
const decisionsOf = (requestId: string) => db.auditEvent.findMany({ where: { entityId: requestId, action: { in: ["approval.approve", "approval.reject"] } } });
const jobsFor = (teamId: string, portId: string) =>
  db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'teamId' = ${teamId} AND payload->>'portId' = ${portId}`.then((r) => Number(r[0].n));

/** Exactly one fulfilled; every loser refused with a MeshworkError of one of `codes`, never a raw database error. */
function expectOneWinner<T>(results: PromiseSettledResult<T>[], codes: string[]): T {
  const won = results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled");
  for (const r of results) {
    if (r.status === "rejected") {
      expect(r.reason, String(r.reason)).toBeInstanceOf(MeshworkError);
      expect(codes, (r.reason as Error).message).toContain((r.reason as MeshworkError).code);
    }
  }
  expect(won).toHaveLength(1);
  return won[0].value;
}

describe("createApprovalRequest", () => {
  it("opens the first step, lets the rest wait, and approves a request without steps at once", async () => {
    const { request } = await requestedSubscription();
    expect(request.state).toBe("pending");
    expect(request.steps.map((s) => [s.kind, s.state])).toEqual([
      ["owner", "pending"],
      ["steward", "waiting"],
    ]);

    const { request: none } = await requestedSubscription({ classification: "internal" });
    expect(none).toMatchObject({ state: "approved", steps: [] });
    expect(none.decidedAt).not.toBeNull();
  });
});

describe("deciding a chain: owner, then steward", () => {
  it("refuses the wrong people, then walks the chain step by step to approval", async () => {
    const { producer, secondOwner, consumer, analyst, request, subscription } = await requestedSubscription();
    const otherDomain = await createOwnedTeam(admin);

    // A consumer cannot approve, nor can the consuming team's owner, nor an owner of another domain's team.
    for (const outsider of [analyst, consumer.owner, otherDomain.owner]) {
      const refused = await decideApprovalStep(outsider, request.id, "approve", {}).catch((e: MeshworkError) => e);
      expect(refused).toBeInstanceOf(MeshworkError);
      expect(["forbidden", "not_found"]).toContain((refused as MeshworkError).code);
    }
    const error = await expectMeshworkError(decideApprovalStep(consumer.owner, request.id, "approve", {}), "forbidden");
    expect(error.message).toContain(`an owner of team ${producer.team.name}`);
    // A steward does not decide the owner step of a team that has owners.
    await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", {}), "forbidden");
    expect((await stepsOf(request.id)).map((s) => s.state)).toEqual(["pending", "waiting"]);

    const afterOwner = await decideApprovalStep(producer.owner, request.id, "approve", { comment: "fine for reporting" });
    expect(afterOwner).toMatchObject({ state: "pending", steps: [{ state: "approved", decidedBy: { id: producer.owner.id }, comment: "fine for reporting" }, { state: "pending", kind: "steward" }] });
    // The owner cannot take the steward step too, and the second owner lost the owner step: both 409.
    await expectMeshworkError(decideApprovalStep(producer.owner, request.id, "approve", {}), "conflict");
    const late = await expectMeshworkError(decideApprovalStep(secondOwner, request.id, "approve", {}), "conflict");
    expect(late.message).toContain(`already approved by ${producer.owner.name}`);

    const done = await decideApprovalStep(steward, request.id, "approve", {});
    expect(done).toMatchObject({ state: "approved", steps: [{ state: "approved" }, { state: "approved", decidedBy: { id: steward.id } }] });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).not.toBe("pending_approval");
    expect((await decisionsOf(request.id)).map((e) => [e.action, e.actorId])).toEqual([
      ["approval.approve", producer.owner.id],
      ["approval.approve", steward.id],
    ]);
    expect(await db.auditEvent.count({ where: { entityId: subscription.id, action: "subscription.approve" } })).toBe(1);

    // Decided: a further decision answers 409 with the current state.
    const again = await expectMeshworkError(decideApprovalStep(secondSteward, request.id, "reject", {}), "conflict");
    expect(again.details).toContainEqual({ path: "state", message: "approved" });
  });

  it("never lets the requester decide their own request, even as an owner of the owning team (four eyes)", async () => {
    const producer = await createOwnedTeam(admin);
    const other = await addMember(admin, producer.team.id, await createUser(), "owner");
    const product = await registerProduct(producer.owner, { classification: "confidential" });
    await changeProductStatus(producer.owner, product.id, { status: "published" });
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id } });
    const consumer = await createOwnedTeam(admin);
    // The producing team's owner also belongs to the consuming team and asks for it.
    const requester = await addMember(admin, consumer.team.id, producer.owner, "member");
    const { subscription } = await requestSubscription(requester, { port: port.id, consumerTeam: consumer.team.id, purpose: "Cross-team reconciliation" });
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { subject_subjectId: { subject: "subscription", subjectId: subscription.id } } });

    const error = await expectMeshworkError(decideApprovalStep(requester, request.id, "approve", {}), "forbidden");
    expect(error.message).toMatch(/four eyes/);
    expect((await listApprovalInbox(requester)).items.some((i) => i.id === request.id)).toBe(false);
    expect((await listApprovalInbox(other)).items.some((i) => i.id === request.id)).toBe(true);
    expect((await decideApprovalStep(other, request.id, "approve", {})).steps[0].state).toBe("approved");
  });

  it("a rejection ends the request with its reason; the waiting steps are skipped", async () => {
    const { producer, request, subscription, analyst } = await requestedSubscription();

    const rejected = await decideApprovalStep(producer.owner, request.id, "reject", { comment: "Use the aggregated product instead" });

    expect(rejected).toMatchObject({ state: "rejected", steps: [{ state: "rejected", comment: "Use the aggregated product instead" }, { state: "skipped" }] });
    expect(await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).toMatchObject({ state: "rejected", reason: "Use the aggregated product instead" });
    const again = await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", {}), "conflict");
    expect(again.details).toContainEqual({ path: "state", message: "rejected" });
    // The requester is refused as such, decided or not.
    await expectMeshworkError(decideApprovalStep(analyst, request.id, "approve", {}), "forbidden");
    expect(await db.accessGrant.count({ where: { subscriptionId: subscription.id } })).toBe(0);
  });

  it("refuses a decision meant for a step the request has moved past, and answers unknown or hidden requests as not found", async () => {
    const { producer, request, analyst } = await requestedSubscription();
    const ownerStep = request.steps[0];
    await decideApprovalStep(producer.owner, request.id, "approve", { stepId: ownerStep.id });

    const stale = await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", { stepId: ownerStep.id }), "conflict");
    expect(stale.message).toContain("now waits for a governance steward");
    await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", { note: "x" }), "validation_failed");
    await expectMeshworkError(decideApprovalStep(steward, "not-a-uuid", "approve", {}), "not_found");
    await expectMeshworkError(decideApprovalStep(steward, "00000000-0000-4000-8000-000000000000", "approve", {}), "not_found");
    const stranger = await createUser();
    await expectMeshworkError(decideApprovalStep(stranger, request.id, "approve", {}), "not_found");
    await expectMeshworkError(getApprovalRequest(stranger, request.id), "not_found");
    expect((await getApprovalRequest(analyst, request.id)).canDecide).toBe(false);
    expect((await getApprovalRequest(steward, request.id)).canDecide).toBe(true);
  });

  it("lets stewards decide an owner step once the team has no owners left", async () => {
    const { producer, secondOwner, request } = await requestedSubscription({ classification: "internal", selfService: false });
    expect(request.steps.map((s) => s.kind)).toEqual(["owner"]);
    await expectMeshworkError(decideApprovalStep(steward, request.id, "approve", {}), "forbidden");
    for (const owner of [producer.owner, secondOwner]) await setTeamMember(admin, producer.team.id, { email: owner.email, role: "member" });

    const item = (await listApprovalInbox(steward)).items.find((i) => i.id === request.id);
    expect(item?.step.decider).toContain("has no owners");
    expect((await decideApprovalStep(steward, request.id, "approve", {})).state).toBe("approved");
    // The former owners are members now and decide nothing.
    expect((await listApprovalInbox(await reload(producer.owner))).items.some((i) => i.id === request.id)).toBe(false);
  });
});

describe("the approvals inbox", () => {
  it("shows each decider the steps they may decide now, with requester, purpose and time waited, both kinds together", async () => {
    setClock("2027-03-01T09:00:00Z");
    const { producer, analyst, request } = await requestedSubscription();
    advanceClock(3 * 3_600_000);

    const ownerInbox = await listApprovalInbox(producer.owner);
    const item = ownerInbox.items.find((i) => i.id === request.id);
    expect(item).toMatchObject({ subject: "subscription", purpose: "Monthly revenue report", requester: { id: analyst.id }, step: { kind: "owner", position: 0 }, waitedMs: 3 * 3_600_000 });
    expect(item!.title).toContain("Access to");
    for (const other of [analyst, steward]) expect((await listApprovalInbox(other)).items.some((i) => i.id === request.id)).toBe(false);

    await decideApprovalStep(producer.owner, request.id, "approve", {});
    advanceClock(60_000);
    expect((await listApprovalInbox(producer.owner)).items.some((i) => i.id === request.id)).toBe(false);
    const stewardItem = (await listApprovalInbox(steward)).items.find((i) => i.id === request.id);
    // The steward's wait starts when the owner decided.
    expect(stewardItem).toMatchObject({ step: { kind: "steward", position: 1 }, waitedMs: 60_000 });
  });

  it("is empty for the service identity and for people who decide nothing", async () => {
    await requestedSubscription();
    expect((await listApprovalInbox(await createUser())).items).toEqual([]);
    expect((await listApprovalInbox({ ...admin, service: true })).items).toEqual([]);
  });
});

describe("decisions at the same moment have exactly one winner", () => {
  it("two owners approving the same step at once: one decision, one provisioning job, one grant", async () => {
    for (let round = 0; round < 3; round++) {
      const { producer, secondOwner, consumer, port, request, subscription } = await requestedSubscription({ classification: "internal", selfService: false, table: true });

      const results = await Promise.allSettled([decideApprovalStep(producer.owner, request.id, "approve", {}), decideApprovalStep(secondOwner, request.id, "approve", {})]);

      expectOneWinner(results, ["conflict"]);
      expect((await stepsOf(request.id)).map((s) => s.state)).toEqual(["approved"]);
      expect(await decisionsOf(request.id)).toHaveLength(1);
      expect(await db.auditEvent.count({ where: { entityId: subscription.id, action: "subscription.approve" } })).toBe(1);
      const grants = await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } });
      expect(grants.map((g) => [g.kind, g.state])).toEqual([["postgres_select", "pending"]]);
      expect(await jobsFor(consumer.team.id, port.id)).toBe(1);
    }
  });

  it("two owners approving the first of two steps at once: one owner decision, and the steward step opens once", async () => {
    for (let round = 0; round < 3; round++) {
      const { producer, secondOwner, request } = await requestedSubscription();

      const results = await Promise.allSettled([decideApprovalStep(producer.owner, request.id, "approve", {}), decideApprovalStep(secondOwner, request.id, "approve", {})]);

      expectOneWinner(results, ["conflict"]);
      expect((await stepsOf(request.id)).map((s) => s.state)).toEqual(["approved", "pending"]);
      expect(await decisionsOf(request.id)).toHaveLength(1);
    }
  });

  it("approve and reject of one step at once: one wins, and the request ends as the winner decided", async () => {
    for (let round = 0; round < 3; round++) {
      const { producer, secondOwner, request, subscription } = await requestedSubscription({ classification: "internal", selfService: false });

      const results = await Promise.allSettled([decideApprovalStep(producer.owner, request.id, "approve", {}), decideApprovalStep(secondOwner, request.id, "reject", { comment: "no" })]);

      const winner = expectOneWinner(results, ["conflict"]);
      const row = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
      expect(row.state).toBe(winner.state);
      expect(await decisionsOf(request.id)).toHaveLength(1);
      const sub = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } });
      expect(sub.state === "rejected").toBe(winner.state === "rejected");
    }
  });

  it("five deciders at once on a two-step chain: each step decided once, by different people", async () => {
    const { producer, secondOwner, request } = await requestedSubscription();
    const thirdOwner = await addMember(admin, producer.team.id, await createUser(), "owner");

    const results = await Promise.allSettled([producer.owner, secondOwner, thirdOwner, steward, secondSteward].map((who) => decideApprovalStep(who, request.id, "approve", {})));

    // The owner step goes to one owner; the steward step to one steward if a steward came after it, else stewards were refused (403) while it waited.
    for (const r of results) if (r.status === "rejected") expect(["conflict", "forbidden"]).toContain((r.reason as MeshworkError).code);
    const steps = await stepsOf(request.id);
    expect(steps[0].state).toBe("approved");
    expect(await decisionsOf(request.id)).toHaveLength(steps.filter((s) => s.state === "approved").length);
    const deciders = steps.map((s) => s.decidedById).filter(Boolean);
    expect(new Set(deciders).size).toBe(deciders.length);
  });
});
