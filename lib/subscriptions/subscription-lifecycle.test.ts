import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setClock } from "@/lib/clock";
import { closeDataPool } from "@/lib/data-tables/data-database";
import type { MeshworkError } from "@/lib/errors";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { reconcileGrants } from "@/lib/provisioning/reconcile-grants";
import { getReconciliation, requestReconciliation } from "@/lib/provisioning/request-reconciliation";
import { revokeAccessGrant } from "@/lib/provisioning/revoke-access-grant";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { decideSubscription } from "./decide-subscription";
import { endSubscription } from "./end-subscription";
import { expireSubscriptions, remindExpiringSubscriptions } from "./expire-subscriptions";
import { previewRenewal, renewSubscription } from "./renew-subscription";
import { requestSubscription } from "./request-subscription";
import { revokeSubscription } from "./revoke-subscription";
import { consumerTeam, publishedProduct } from "./subscription-fixtures";

const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let steward: Actor;
let jobs: pg.Client;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  jobs = new pg.Client({ connectionString: url() });
  await jobs.connect();
});

afterAll(async () => {
  // Leave no job behind for a worker another test file starts on this database.
  await jobs.query("DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%' OR key LIKE 'reconcile-grants:%'");
  await jobs.end();
  resetClock();
  await closeDataPool();
  await dropRolesWithPrefix(url(), prefix);
});

/** What the provisioning worker does with a subscription's grants, in this process: apply the pending, revoke the revoking. */
async function runGrantJobs(subscriptionId: string) {
  for (const grant of await db.accessGrant.findMany({ where: { subscriptionId } })) {
    if (grant.state === "pending" || grant.state === "failed") await applyAccessGrant(grant.id);
    if (grant.state === "revoking") await revokeAccessGrant(grant.id);
  }
}

/** An active subscription of a consumer team (role under this file's prefix) to a table port, its grant applied. */
async function activeSubscription(options: Parameters<typeof publishedProduct>[1] = {}) {
  const producer = await publishedProduct(admin, options);
  const consumers = await consumerTeam(admin);
  const role = teamRoleName(consumers.team.slug, prefix);
  await db.team.update({ where: { id: consumers.team.id }, data: { postgresRole: role } });
  let { subscription } = await requestSubscription(consumers.member, { port: producer.port.id, consumerTeam: consumers.team.id, purpose: "Weekly churn report", durationDays: 30 });
  if (subscription.state === "pending_approval") {
    for (const decider of [producer.producers.owner, steward]) {
      subscription = await decideSubscription(decider, subscription.id, "approve", {});
      if (subscription.state !== "pending_approval") break;
    }
  }
  await runGrantJobs(subscription.id);
  const [schema, table] = producer.location.split(".");
  expect(await canRead(url(), role, schema, table)).toEqual({ privilege: true, selectWorks: true });
  return { ...producer, consumers, role, schema, table, subscription: await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } }) };
}

const notificationsOf = (userId: string, kind: string) => db.notification.findMany({ where: { userId, kind } });
const stateOf = async (id: string) => (await db.subscription.findUniqueOrThrow({ where: { id } })).state;

describe("revocation", () => {
  it("an owner revokes with a reason: the role can no longer read, the consumers are notified, and it is audited", async () => {
    const s = await activeSubscription();
    await expectMeshworkError(revokeSubscription(s.producers.owner, s.subscription.id, {}), "validation_failed");
    const revoked = await revokeSubscription(s.producers.owner, s.subscription.id, { reason: "The contract is being renegotiated" });
    expect(revoked).toMatchObject({ state: "revoked", reason: "The contract is being renegotiated", grants: [{ state: "revoking" }] });
    await runGrantJobs(s.subscription.id);
    expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: false, selectWorks: false });
    expect(await db.accessGrant.findFirstOrThrow({ where: { subscriptionId: s.subscription.id } })).toMatchObject({ state: "revoked" });
    const [notice] = await notificationsOf(s.consumers.member.id, "subscription.revoked");
    expect(notice).toMatchObject({ title: expect.stringContaining("was revoked"), body: expect.stringContaining("renegotiated") });
    expect(await db.auditEvent.count({ where: { action: "subscription.revoke", entityId: s.subscription.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "grant.revoke" } })).toBeGreaterThan(0);
  });

  it("only owners of the product's team, stewards and admins revoke; others are refused or do not see it", async () => {
    const s = await activeSubscription();
    const stranger = await createUser();
    await expectMeshworkError(revokeSubscription(stranger, s.subscription.id, { reason: "because" }), "not_found");
    await expectMeshworkError(revokeSubscription(s.consumers.member, s.subscription.id, { reason: "because" }), "forbidden");
    await expectMeshworkError(revokeSubscription(s.producers.member, s.subscription.id, { reason: "because" }), "forbidden");
    expect(await stateOf(s.subscription.id)).toBe("active");
    expect((await revokeSubscription(steward, s.subscription.id, { reason: "Steward's audit finding" })).state).toBe("revoked");
  });

  it("two revocations at once: one wins, the other answers 409", async () => {
    const s = await activeSubscription();
    const results = await Promise.allSettled([revokeSubscription(s.producers.owner, s.subscription.id, { reason: "first" }), revokeSubscription(steward, s.subscription.id, { reason: "second" })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as MeshworkError).code).toBe("conflict");
    expect(await db.auditEvent.count({ where: { action: "subscription.revoke", entityId: s.subscription.id } })).toBe(1);
  });

  it("revoke and renew at once: the revocation always stands, and no renewal of a revoked subscription survives", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await activeSubscription({ containsPersonalData: true });
      const [revoke, renew] = await Promise.allSettled([revokeSubscription(s.producers.owner, s.subscription.id, { reason: "Access review" }), renewSubscription(s.consumers.member, s.subscription.id, {})]);
      expect(revoke.status).toBe("fulfilled");
      expect(await stateOf(s.subscription.id)).toBe("revoked");
      if (renew.status === "rejected") expect((renew.reason as MeshworkError).code).toBe("conflict");
      else expect(await stateOf(renew.value.id)).toBe("cancelled");
      expect(await db.subscription.count({ where: { renewsId: s.subscription.id, state: "pending_approval" } })).toBe(0);
    }
  });
});

describe("ending by the consumer", () => {
  it("the requester ends the team's active subscription (no more 409): the grant is revoked and the product team told", async () => {
    const s = await activeSubscription();
    await expectMeshworkError(endSubscription(s.producers.owner, s.subscription.id, {}), "forbidden");
    const ended = await endSubscription(s.consumers.member, s.subscription.id, { reason: "Project finished" });
    expect(ended).toMatchObject({ state: "ended", reason: "Project finished" });
    await runGrantJobs(s.subscription.id);
    expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: false, selectWorks: false });
    expect(await notificationsOf(s.producers.owner.id, "subscription.ended")).toHaveLength(1);
    await expectMeshworkError(endSubscription(s.consumers.member, s.subscription.id, {}), "conflict");
  });
});

describe("expiry and reminders (lib/clock)", () => {
  it("reminds once within the lead time, then expires at the end date and revokes; renewing restores access", async () => {
    const s = await activeSubscription();
    const endsAt = s.subscription.endsAt!;
    const day = 86_400_000;
    expect(await remindExpiringSubscriptions(new Date(endsAt.getTime() - 20 * day), 14)).not.toContain(s.subscription.id);
    expect(await remindExpiringSubscriptions(new Date(endsAt.getTime() - 10 * day), 14)).toContain(s.subscription.id);
    expect(await remindExpiringSubscriptions(new Date(endsAt.getTime() - 5 * day), 14)).not.toContain(s.subscription.id);
    expect(await notificationsOf(s.consumers.member.id, "subscription.expiring")).toMatchObject([{ title: expect.stringContaining("expires in 10 days") }]);

    expect(await expireSubscriptions(new Date(endsAt.getTime() - 1))).not.toContain(s.subscription.id);
    const after = new Date(endsAt.getTime() + 1_000);
    expect(await expireSubscriptions(after)).toContain(s.subscription.id);
    expect(await stateOf(s.subscription.id)).toBe("expired");
    await runGrantJobs(s.subscription.id);
    expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: false, selectWorks: false });
    expect(await notificationsOf(s.consumers.member.id, "subscription.expired")).toHaveLength(1);

    setClock(after);
    try {
      const renewal = await renewSubscription(s.consumers.member, s.subscription.id, {});
      expect(renewal).toMatchObject({ renewsId: s.subscription.id, state: "provisioning", durationDays: 30 });
      await runGrantJobs(renewal.id);
      expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: true, selectWorks: true });
      expect(await stateOf(renewal.id)).toBe("active");
      expect(await notificationsOf(s.consumers.member.id, "subscription.renewed")).toHaveLength(1);
    } finally {
      resetClock();
    }
  });
});

describe("renewal", () => {
  it("nothing changed since the approval: the steward step is skipped and the preview says so; the old access carries on until approved", async () => {
    const s = await activeSubscription({ containsPersonalData: true });
    const preview = await previewRenewal(s.consumers.member, s.subscription.id);
    expect(preview).toMatchObject({ shortened: true, unchangedSinceApproval: true, changes: [], steps: [{ kind: "owner", reason: expect.stringMatching(/nothing changed since its approval/) }] });
    const renewal = await renewSubscription(s.consumers.member, s.subscription.id, {});
    expect(renewal.approval!.steps.map((step) => step.kind)).toEqual(["owner"]);
    await expectMeshworkError(renewSubscription(s.consumers.member, s.subscription.id, {}), "conflict");
    expect(await stateOf(s.subscription.id)).toBe("active");

    const approved = await decideSubscription(s.producers.owner, renewal.id, "approve", {});
    expect(approved.state).toBe("provisioning");
    // Carries on from the old end date, so renewing early loses no days.
    expect(new Date(approved.endsAt!).getTime()).toBe(s.subscription.endsAt!.getTime() + 30 * 86_400_000);
    expect(await stateOf(s.subscription.id)).toBe("renewed");
    await runGrantJobs(s.subscription.id);
    await runGrantJobs(renewal.id);
    // The old grant's revocation kept the access: the renewal grants the same.
    expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: true, selectWorks: true });
    expect(await db.auditEvent.findFirst({ where: { action: "grant.revoke", summary: { contains: `subscription ${renewal.id} still grants it` } } })).not.toBeNull();
  });

  it("the classification changed: the full chain again, and the preview names the change", async () => {
    const s = await activeSubscription({ containsPersonalData: true });
    await db.dataProduct.update({ where: { id: s.product.id }, data: { classification: "restricted" } });
    const preview = await previewRenewal(s.consumers.member, s.subscription.id);
    expect(preview).toMatchObject({ shortened: false, unchangedSinceApproval: false, changes: [expect.stringMatching(/classification changed from internal to restricted/)] });
    expect(preview.steps.map((step) => step.kind)).toEqual(["owner", "steward"]);
  });

  it("only members of the consuming team renew", async () => {
    const s = await activeSubscription();
    await expectMeshworkError(renewSubscription(s.producers.owner, s.subscription.id, {}), "forbidden");
    await expectMeshworkError(renewSubscription(await createUser(), s.subscription.id, {}), "not_found");
    await expectMeshworkError(previewRenewal(s.producers.owner, s.subscription.id), "forbidden");
  });
});

describe("reconciliation", () => {
  it("drift: a grant dropped by hand is re-created; one added by hand that no subscription justifies is removed; both audited and listed", async () => {
    const s = await activeSubscription();
    const stray = `${prefix}team_stray`;
    const admin_ = new pg.Client({ connectionString: url() });
    await admin_.connect();
    try {
      await admin_.query(`REVOKE SELECT ON ${pg.escapeIdentifier(s.schema)}.${pg.escapeIdentifier(s.table)} FROM ${pg.escapeIdentifier(s.role)}`);
      await admin_.query(`CREATE ROLE ${pg.escapeIdentifier(stray)} NOLOGIN`);
      await admin_.query(`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(s.schema)} TO ${pg.escapeIdentifier(stray)}`);
      await admin_.query(`GRANT SELECT ON ${pg.escapeIdentifier(s.schema)}.${pg.escapeIdentifier(s.table)} TO ${pg.escapeIdentifier(stray)}`);
    } finally {
      await admin_.end();
    }
    expect((await canRead(url(), s.role, s.schema, s.table)).selectWorks).toBe(false);
    expect((await canRead(url(), stray, s.schema, s.table)).selectWorks).toBe(true);

    const { repairs } = await reconcileGrants({ rolePrefix: prefix });
    expect(repairs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ repair: "restored", principal: s.role, target: s.location }),
        expect.objectContaining({ repair: "removed", principal: stray, target: s.location }),
      ]),
    );
    expect(await canRead(url(), s.role, s.schema, s.table)).toEqual({ privilege: true, selectWorks: true });
    expect(await canRead(url(), stray, s.schema, s.table)).toEqual({ privilege: false, selectWorks: false });
    // A second pass finds nothing to repair.
    expect((await reconcileGrants({ rolePrefix: prefix })).repairs.filter((r) => r.target === s.location)).toEqual([]);

    const shown = await getReconciliation(steward);
    expect(shown.repairs.map((r) => `${r.repair} ${r.principal}`)).toEqual(expect.arrayContaining([`restored ${s.role}`, `removed ${stray}`]));
    expect(await notificationsOf(s.consumers.member.id, "reconciliation.repaired")).toHaveLength(1);
  });

  it("leaves alone roles under the prefix that are no consumer team's (a quality checker's role reading a product table)", async () => {
    const s = await activeSubscription();
    const checker = `${prefix}quality_checker`;
    const admin_ = new pg.Client({ connectionString: url() });
    await admin_.connect();
    try {
      await admin_.query(`CREATE ROLE ${pg.escapeIdentifier(checker)} NOLOGIN`);
      await admin_.query(`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(s.schema)} TO ${pg.escapeIdentifier(checker)}`);
      await admin_.query(`GRANT SELECT ON ${pg.escapeIdentifier(s.schema)}.${pg.escapeIdentifier(s.table)} TO ${pg.escapeIdentifier(checker)}`);
    } finally {
      await admin_.end();
    }
    const { repairs } = await reconcileGrants({ rolePrefix: prefix });
    expect(repairs.filter((r) => r.principal === checker)).toEqual([]);
    expect((await canRead(url(), checker, s.schema, s.table)).selectWorks).toBe(true);
  });

  it("Check now is for stewards and admins; clicks at once queue one run", async () => {
    const s = await activeSubscription();
    await expectMeshworkError(requestReconciliation(s.producers.owner), "forbidden");
    await expectMeshworkError(requestReconciliation(s.consumers.member), "forbidden");
    await expectMeshworkError(getReconciliation(s.consumers.member), "forbidden");
    const clicks = await Promise.all([requestReconciliation(steward), requestReconciliation(admin), requestReconciliation(steward)]);
    expect(new Set(clicks.map((c) => c.run.id)).size).toBe(1);
    expect(clicks.filter((c) => c.queued)).toHaveLength(1);
    const { runId } = await reconcileGrants({ runId: clicks[0].run.id, rolePrefix: prefix });
    expect(await db.reconciliationRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ trigger: "manual", finishedAt: expect.any(Date), error: null });
  });
});
