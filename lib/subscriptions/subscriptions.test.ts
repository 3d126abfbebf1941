import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, resetClock, setClock } from "@/lib/clock";
import { MeshworkError } from "@/lib/errors";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { grantJobKey } from "@/lib/provisioning/request-grant-provisioning";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { addMember, createDomainWithTeam, createOwnedTeam, createUser, expectMeshworkError, registerProduct, reload, unique } from "@/lib/testing/fixtures";
import { createDomain } from "@/lib/org/create-domain";
import { createTeam } from "@/lib/org/create-team";
import { ORDER_PROPERTIES } from "@/lib/testing/table-port-fixture";
import { cancelSubscription } from "./cancel-subscription";
import { decideSubscription } from "./decide-subscription";
import { getSubscription } from "./get-subscription";
import { listPortConsumers } from "./list-port-consumers";
import { listSubscriptions } from "./list-subscriptions";
import { previewSubscription } from "./preview-subscription";
import { requestSubscription } from "./request-subscription";
import { setPortAccess } from "./set-port-access";
import { setTeamPrincipals } from "./set-team-principals";
import { consumerTeam, publishedProduct } from "./subscription-fixtures";

let admin: Actor;
let steward: Actor;
let jobs: pg.Client;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  jobs = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await jobs.connect();
});

afterAll(async () => {
  // Leave no job behind for a worker another test file starts on this database.
  await jobs.query("DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%'");
  await jobs.end();
  resetClock();
});

const jobsFor = async (grantIds: string[]) => (await jobs.query("SELECT id FROM graphile_worker._private_jobs WHERE key = ANY($1)", [grantIds.map(grantJobKey)])).rowCount;
const auditCount = (action: string, entityId: string) => db.auditEvent.count({ where: { action, entityId } });
const ask = (actor: Actor, port: string, consumerTeamId: string, extra: Record<string, unknown> = {}) => requestSubscription(actor, { port, consumerTeam: consumerTeamId, purpose: "Weekly churn report", ...extra });

describe("requesting access", () => {
  it("an internal self-service topic port is approved at once; its Kafka ACL grant waits for the worker, then it is active", async () => {
    const { port } = await publishedProduct(admin, { type: "kafka_topic" });
    const analysts = await consumerTeam(admin);

    const preview = await previewSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.slug });
    const { subscription, replayed } = await ask(analysts.member, port.id, analysts.team.id, { intendedUse: "dashboards" });

    expect(preview).toMatchObject({ autoApproved: true, steps: [], durationDays: 90, rationale: expect.stringMatching(/self-service/) });
    expect(replayed).toBe(false);
    expect(subscription).toMatchObject({ state: "provisioning", purpose: "Weekly churn report", intendedUse: "dashboards", durationDays: 90, consumerTeam: { id: analysts.team.id }, approval: { state: "approved", steps: [] } });
    expect(subscription.grants).toMatchObject([{ kind: "kafka_acl", state: "pending", principal: `User:team-${analysts.team.slug}` }]);
    // No cluster configured here: the grant ends not supported, and the subscription is active with what is supported.
    await applyAccessGrant(subscription.grants[0].id, { kafkaBrokers: undefined });
    for (const action of ["subscription.request", "subscription.approve", "subscription.activate"]) expect(await auditCount(action, subscription.id), action).toBe(1);
  });

  it("an auto-approved table port gets a pending grant for the team's role and one provision job, in the same transaction", async () => {
    setClock("2027-03-01T09:00:00Z");
    try {
      const { port, location } = await publishedProduct(admin);
      const analysts = await consumerTeam(admin);

      const { subscription } = await ask(analysts.member, port.id, analysts.team.id, { durationDays: 30 });

      expect(subscription).toMatchObject({ state: "provisioning", approvedAt: new Date("2027-03-01T09:00:00Z"), endsAt: new Date("2027-03-31T09:00:00Z") });
      expect(subscription.grants).toMatchObject([{ kind: "postgres_select", state: "pending", principal: teamRoleName(analysts.team.slug), target: location }]);
      expect(await jobsFor(subscription.grants.map((g) => g.id))).toBe(1);
    } finally {
      resetClock();
    }
  });

  it("refuses a missing purpose, a team the requester is not in, a duration past the port's maximum and no end where not allowed", async () => {
    const { port } = await publishedProduct(admin, { access: { maxDurationDays: 60 } });
    const analysts = await consumerTeam(admin);
    const strangers = await consumerTeam(admin);

    const noPurpose = await expectMeshworkError(requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "  " }), "validation_failed");
    expect(noPurpose.details.map((d) => d.path)).toEqual(["purpose"]);
    await expectMeshworkError(ask(analysts.member, port.id, strangers.team.id), "forbidden");
    await expectMeshworkError(ask(analysts.member, port.id, "no-such-team"), "validation_failed");
    const tooLong = await expectMeshworkError(ask(analysts.member, port.id, analysts.team.id, { durationDays: 61 }), "validation_failed");
    expect(tooLong.message).toMatch(/at most 60 days/);
    await expectMeshworkError(ask(analysts.member, port.id, analysts.team.id, { durationDays: null }), "validation_failed");
    await expectMeshworkError(ask(analysts.member, port.id, analysts.team.id, { unknown: 1 }), "validation_failed");
    expect((await ask(analysts.member, port.id, analysts.team.id)).subscription.durationDays).toBe(60);
    expect(await db.subscription.count({ where: { portId: port.id } })).toBe(1);
  });

  it("no end only where the port allows it; a hidden port is not found; one open subscription per team and port", async () => {
    const { port, product } = await publishedProduct(admin, { type: "kafka_topic", access: { allowNoEnd: true } });
    const analysts = await consumerTeam(admin);
    const { subscription } = await ask(analysts.member, `${product.urn}:rows`, analysts.team.slug, { durationDays: null });
    expect(subscription).toMatchObject({ durationDays: null, endsAt: null, state: "provisioning" });

    const again = await expectMeshworkError(ask(analysts.owner, port.id, analysts.team.id), "conflict");
    expect(again.message).toMatch(/already has a subscription/);

    const drafts = await createOwnedTeam(admin);
    const draft = await registerProduct(drafts.owner);
    const draftPort = await db.port.findFirstOrThrow({ where: { dataProductId: draft.id } });
    await expectMeshworkError(ask(analysts.member, draftPort.id, analysts.team.id), "not_found");
  });
});

describe("the approval chain, decided", () => {
  it("personal data on a table port: owner, then steward; then provisioning with one grant and one job", async () => {
    setClock("2027-05-01T08:00:00Z", { running: true });
    try {
      const { port, producers } = await publishedProduct(admin, { containsPersonalData: true });
      const analysts = await consumerTeam(admin);

      const preview = await previewSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id });
      expect(preview.steps.map((s) => s.kind)).toEqual(["owner", "steward"]);
      const { subscription } = await ask(analysts.member, port.id, analysts.team.id);
      expect(subscription.approval!.steps).toMatchObject([
        { kind: "owner", state: "pending", team: { id: producers.team.id } },
        { kind: "steward", state: "waiting", reason: expect.stringMatching(/contains personal data/) },
      ]);

      advanceClock(3_600_000);
      const afterOwner = await decideSubscription(producers.owner, subscription.id, "approve", { comment: "fine for churn" });
      expect(afterOwner).toMatchObject({ state: "pending_approval", approval: { steps: [{ state: "approved", comment: "fine for churn", decidedBy: { id: producers.owner.id } }, { state: "pending" }] } });
      await expectMeshworkError(decideSubscription(producers.member, subscription.id, "approve", {}), "forbidden");

      const approved = await decideSubscription(steward, subscription.id, "approve", {});
      expect(approved).toMatchObject({ state: "provisioning", approval: { state: "approved" } });
      expect(approved.approvedAt!.getTime() - new Date("2027-05-01T09:00:00Z").getTime()).toBeLessThan(60_000);
      expect(approved.endsAt!.getTime() - approved.approvedAt!.getTime()).toBe(90 * 86_400_000);
      expect(approved.grants).toMatchObject([{ kind: "postgres_select", state: "pending" }]);
      expect(await jobsFor(approved.grants.map((g) => g.id))).toBe(1);
      expect(await auditCount("subscription.approve", subscription.id)).toBe(1);
    } finally {
      resetClock();
    }
  });

  it("a contract field marked pii needs a steward too, on an internal self-service port", async () => {
    const { port } = await publishedProduct(admin, { properties: [...ORDER_PROPERTIES, { name: "email", logicalType: "string", classification: "pii" } as never] });
    const analysts = await consumerTeam(admin);
    const preview = await previewSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id });
    expect(preview.steps).toMatchObject([{ kind: "owner" }, { kind: "steward", reason: expect.stringMatching(/marks personal data \(orders\.email\)/) }]);
  });

  it("a rejection ends the request with its reason; a second decision answers 409 with the current state", async () => {
    const { port, producers } = await publishedProduct(admin, { classification: "confidential" });
    const analysts = await consumerTeam(admin);
    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

    const silent = await expectMeshworkError(decideSubscription(producers.owner, subscription.id, "reject", { comment: " " }), "validation_failed");
    expect(silent.details).toEqual([{ path: "comment", message: "is required to reject" }]);
    const rejected = await decideSubscription(producers.owner, subscription.id, "reject", { comment: "Use the aggregated product instead." });

    expect(rejected).toMatchObject({ state: "rejected", reason: "Use the aggregated product instead.", approval: { state: "rejected", steps: [{ state: "rejected" }, { state: "skipped" }] } });
    const again = await expectMeshworkError(decideSubscription(steward, subscription.id, "approve", {}), "conflict");
    expect(again.message).toMatch(/rejected/);
    expect(await auditCount("subscription.reject", subscription.id)).toBe(1);
    // A rejected request leaves the team free to ask again.
    expect((await ask(analysts.member, port.id, analysts.team.id, { purpose: "Second try" })).subscription.state).toBe("pending_approval");
  });

  it("a team without owners: a steward decides in their place", async () => {
    const { team } = await createDomainWithTeam(admin);
    const producer = await addMember(admin, team.id, await createUser(), "member");
    const product = await registerProduct(producer, { outputPorts: [{ name: "rows", type: "kafka_topic", topic: `${team.slug}.rows` }] });
    await db.dataProduct.update({ where: { id: product.id }, data: { status: "published" } });
    const port = await db.port.update({ where: { dataProductId_name: { dataProductId: product.id, name: "rows" } }, data: { selfService: false } });
    const analysts = await consumerTeam(admin);

    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

    expect(subscription.approval!.steps).toMatchObject([{ kind: "steward", reason: expect.stringMatching(/no owner/) }]);
    await expectMeshworkError(decideSubscription(producer, subscription.id, "approve", {}), "forbidden");
    // Approved: its Kafka ACL grant waits for the worker.
    expect((await decideSubscription(steward, subscription.id, "approve", {})).state).toBe("provisioning");
  });

  it("the owning team's own request is approved at once", async () => {
    const { port, producers } = await publishedProduct(admin, { classification: "restricted", containsPersonalData: true });
    const { subscription } = await ask(producers.member, port.id, producers.team.id);
    expect(subscription).toMatchObject({ state: "provisioning", approval: { state: "approved", rationale: expect.stringMatching(/owns/) } });
  });
});

describe("who may decide", () => {
  it("a consumer cannot approve; an owner of another domain cannot; a requester cannot approve their own request even as owner", async () => {
    const { port, producers } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const elsewhere = await createOwnedTeam(admin);
    // The requester is also an owner of the owning team.
    const requester = await addMember(admin, producers.team.id, analysts.member, "owner");
    const { subscription } = await ask(requester, port.id, analysts.team.id);
    expect(subscription.approval!.steps).toMatchObject([{ kind: "owner", state: "pending" }]);

    await expectMeshworkError(decideSubscription(analysts.owner, subscription.id, "approve", {}), "forbidden");
    await expectMeshworkError(decideSubscription(elsewhere.owner, subscription.id, "approve", {}), "not_found");
    const own = await expectMeshworkError(decideSubscription(requester, subscription.id, "approve", {}), "forbidden");
    expect(own.message).toMatch(/four eyes/);
    await expectMeshworkError(decideSubscription(requester, subscription.id, "reject", { comment: "mine" }), "forbidden");
    await expectMeshworkError(cancelSubscription(elsewhere.owner, subscription.id, {}), "not_found");
    await expectMeshworkError(cancelSubscription(producers.owner, subscription.id, {}), "forbidden");
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).toBe("pending_approval");
    expect(await db.approvalStep.count({ where: { request: { subjectId: subscription.id }, state: { not: "pending" } } })).toBe(0);

    expect((await decideSubscription(producers.owner, subscription.id, "approve", {})).state).toBe("provisioning");
  });

  it("subscriptions are seen by requester, consuming team, owning team and stewards only", async () => {
    const { port, product, producers } = await publishedProduct(admin, { type: "kafka_topic" });
    const analysts = await consumerTeam(admin);
    const stranger = await createUser();
    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

    for (const who of [analysts.member, analysts.owner, producers.member, steward, admin]) expect((await getSubscription(who, subscription.id)).id).toBe(subscription.id);
    await expectMeshworkError(getSubscription(stranger, subscription.id), "not_found");
    expect((await listSubscriptions(stranger, { product: product.id })).items).toEqual([]);
    expect((await listSubscriptions(producers.owner, { product: product.urn })).items.map((s) => s.id)).toEqual([subscription.id]);
    expect((await listSubscriptions(analysts.member, { mine: "true" })).items.map((s) => s.id)).toContain(subscription.id);
    expect((await listSubscriptions(steward, { port: port.id, state: "provisioning" })).total).toBe(1);
    expect((await listSubscriptions(steward, { team: analysts.team.slug, state: "rejected" })).total).toBe(0);
    await expectMeshworkError(listSubscriptions(steward, { state: "nonsense" }), "validation_failed");

    // The product's consumers are for everyone who may see the product.
    const { consumers, teamCount } = await listPortConsumers(stranger, product.id);
    expect(teamCount).toBe(1);
    expect(consumers).toMatchObject([{ team: { id: analysts.team.id }, port: { name: "rows" }, purpose: "Weekly churn report", since: expect.any(Date), until: expect.any(Date) }]);
  });
});

describe("at the same moment", () => {
  it("two owners approving the same step → one decision, one provision job, one grant", async () => {
    const { port, producers } = await publishedProduct(admin, { access: { selfService: false } });
    const secondOwner = await addMember(admin, producers.team.id, await createUser(), "owner");
    const analysts = await consumerTeam(admin);
    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

    const results = await Promise.allSettled([decideSubscription(producers.owner, subscription.id, "approve", {}), decideSubscription(secondOwner, subscription.id, "approve", {})]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(MeshworkError);
    expect((loser.reason as MeshworkError).code).toBe("conflict");
    const steps = await db.approvalStep.findMany({ where: { request: { subjectId: subscription.id } } });
    expect(steps).toMatchObject([{ state: "approved" }]);
    const grants = await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } });
    expect(grants).toHaveLength(1);
    expect(await jobsFor(grants.map((g) => g.id))).toBe(1);
    expect(await auditCount("subscription.approve", subscription.id)).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "approval.approve", entityId: steps[0].requestId } })).toBe(1);
  });

  it("six owners approving the same steward-free step at once, three rounds → each time one decision, one grant, one job", async () => {
    for (let round = 0; round < 3; round++) {
      const { port, producers } = await publishedProduct(admin, { access: { selfService: false } });
      const owners = [producers.owner, ...(await Promise.all(Array.from({ length: 5 }, async () => addMember(admin, producers.team.id, await createUser(), "owner"))))];
      const analysts = await consumerTeam(admin);
      const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

      const results = await Promise.allSettled(owners.map((owner) => decideSubscription(owner, subscription.id, "approve", {})));

      expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as MeshworkError).code).toBe("conflict");
      const grants = await db.accessGrant.findMany({ where: { subscriptionId: subscription.id } });
      expect(grants).toHaveLength(1);
      expect(await jobsFor(grants.map((g) => g.id))).toBe(1);
      expect(await auditCount("subscription.approve", subscription.id)).toBe(1);
    }
  });

  it("approve and cancel at once → exactly one wins", async () => {
    const { port, producers } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);

    const [approve, cancel] = await Promise.allSettled([decideSubscription(producers.owner, subscription.id, "approve", {}), cancelSubscription(analysts.member, subscription.id, { reason: "no longer needed" })]);

    expect([approve.status, cancel.status].sort()).toEqual(["fulfilled", "rejected"]);
    const state = (await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state;
    expect(state).toBe(approve.status === "fulfilled" ? "provisioning" : "cancelled");
    expect(await db.accessGrant.count({ where: { subscriptionId: subscription.id } })).toBe(approve.status === "fulfilled" ? 1 : 0);
  });

  it("a retried create with the same Idempotency-Key returns the first result, sequentially and at once", async () => {
    const { port } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const body = { port: port.id, consumerTeam: analysts.team.id, purpose: "Fraud model features" };

    const first = await requestSubscription(analysts.member, body, { idempotencyKey: "key-1" });
    const retry = await requestSubscription(analysts.member, body, { idempotencyKey: "key-1" });
    expect(retry).toMatchObject({ replayed: true, subscription: { id: first.subscription.id } });
    const reused = await expectMeshworkError(requestSubscription(analysts.member, { ...body, purpose: "Something else" }, { idempotencyKey: "key-1" }), "validation_failed");
    expect(reused.message).toMatch(/different request/);
    // The key is the requester's own: another person's same key is another request (here: the team's open one → 409).
    await expectMeshworkError(requestSubscription(analysts.owner, body, { idempotencyKey: "key-1" }), "conflict");

    const other = await publishedProduct(admin, { access: { selfService: false } });
    const concurrent = await Promise.all(Array.from({ length: 8 }, () => requestSubscription(analysts.member, { ...body, port: other.port.id }, { idempotencyKey: "key-2" })));
    expect(new Set(concurrent.map((r) => r.subscription.id)).size).toBe(1);
    expect(concurrent.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await db.subscription.count({ where: { portId: other.port.id } })).toBe(1);
    expect(await db.approvalRequest.count({ where: { subjectId: concurrent[0].subscription.id } })).toBe(1);
  });

  it("two requests for the same team and port at once, without a key → one subscription, one 409", async () => {
    const { port } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const results = await Promise.allSettled([ask(analysts.member, port.id, analysts.team.id), ask(analysts.owner, port.id, analysts.team.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as MeshworkError).code).toBe("conflict");
    expect(await db.subscription.count({ where: { portId: port.id } })).toBe(1);
  });
});

describe("settings", () => {
  it("owners set a port's access settings; members and other teams cannot; the next request follows them", async () => {
    const { port, producers, product } = await publishedProduct(admin);
    const analysts = await consumerTeam(admin);

    await expectMeshworkError(setPortAccess(producers.member, port.id, { selfService: false, maxDurationDays: 30, allowNoEnd: false }), "forbidden");
    await expectMeshworkError(setPortAccess(analysts.owner, port.id, { selfService: false, maxDurationDays: 30, allowNoEnd: false }), "forbidden");
    await expectMeshworkError(setPortAccess(producers.owner, port.id, { selfService: false, maxDurationDays: 0, allowNoEnd: false }), "validation_failed");
    const set = await setPortAccess(producers.owner, `${product.urn}:rows`, { selfService: false, maxDurationDays: 30, allowNoEnd: true });

    expect(set).toEqual({ port: `${product.urn}:rows`, selfService: false, maxDurationDays: 30, allowNoEnd: true });
    expect(await auditCount("port.access", port.id)).toBe(1);
    const preview = await previewSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id });
    expect(preview).toMatchObject({ autoApproved: false, durationDays: 30, steps: [{ kind: "owner" }] });
  });

  it("admins set a team's principals; grants act on them; two teams cannot share one", async () => {
    const analysts = await consumerTeam(admin);
    const others = await consumerTeam(admin);
    const role = `mwt_role_${analysts.team.slug.replace(/-/g, "_")}`;

    await expectMeshworkError(setTeamPrincipals(analysts.owner, analysts.team.id, { kafkaPrincipal: null, postgresRole: role }), "forbidden");
    await expectMeshworkError(setTeamPrincipals(admin, analysts.team.id, { kafkaPrincipal: null, postgresRole: "pg_read_all_data" }), "validation_failed");
    await expectMeshworkError(setTeamPrincipals(admin, analysts.team.id, { kafkaPrincipal: "team-x", postgresRole: null }), "validation_failed");
    const set = await setTeamPrincipals(admin, analysts.team.id, { kafkaPrincipal: "User:analytics", postgresRole: role });
    expect(set.effective).toEqual({ kafkaPrincipal: "User:analytics", postgresRole: role });
    await expectMeshworkError(setTeamPrincipals(admin, others.team.id, { kafkaPrincipal: null, postgresRole: role }), "conflict");
    const third = await consumerTeam(admin);
    await expectMeshworkError(setTeamPrincipals(admin, others.team.id, { kafkaPrincipal: null, postgresRole: teamRoleName(third.team.slug) }), "conflict");

    const { port } = await publishedProduct(admin);
    const { subscription } = await ask(analysts.member, port.id, analysts.team.id);
    expect(subscription.grants).toMatchObject([{ principal: role }]);
  });

  it("refuses a request from a team whose default role another team (same slug, other domain) also has, until an admin sets one of its own", async () => {
    const first = await consumerTeam(admin);
    const elsewhere = await createDomain(admin, { slug: unique("dom"), name: `Domain ${unique("d")}` });
    const twin = await createTeam(admin, { domain: elsewhere.slug, slug: first.team.slug, name: `Twin ${unique("t")}` });
    const twinOwner = await addMember(admin, twin.id, await createUser(), "owner");
    const { port } = await publishedProduct(admin);

    // Both would act as mesh_team_<slug>: a grant to one would be the other's too.
    const refused = await expectMeshworkError(ask(twinOwner, port.id, twin.id), "conflict");
    expect(refused.message).toContain(teamRoleName(first.team.slug));
    expect(await db.subscription.count({ where: { consumerTeamId: twin.id } })).toBe(0);

    await setTeamPrincipals(admin, twin.id, { kafkaPrincipal: `User:twin-${twin.id.slice(0, 8)}`, postgresRole: `mwt_twin_${twin.id.slice(0, 8)}` });
    const { subscription } = await ask(await reload(twinOwner), port.id, twin.id);
    expect(subscription.grants).toMatchObject([{ principal: `mwt_twin_${twin.id.slice(0, 8)}` }]);
  });
});
