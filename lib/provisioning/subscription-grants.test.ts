import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, tablePortWithContract, tableContractYaml, ORDER_PROPERTIES, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { applyAccessGrant } from "./apply-access-grant";
import { grantJobKey, requestGrantProvisioning } from "./request-grant-provisioning";
import { teamRoleName } from "./team-role-name";

const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let client: pg.Client;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  client = new pg.Client({ connectionString: url() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await closeDataPool();
  await dropRolesWithPrefix(url(), prefix);
});

/** A consumer team whose PostgreSQL role is set (as an admin would) to a name under this file's prefix. */
async function consumerTeam() {
  const { team } = await createOwnedTeam(admin);
  const role = teamRoleName(team.slug, prefix);
  await db.team.update({ where: { id: team.id }, data: { postgresRole: role } });
  return { team, role };
}

/** An approved subscription of `teamId` to `portId`, as onApproved leaves it: provisioning. */
const approvedSubscription = (portId: string, teamId: string, state: "provisioning" | "pending_approval" = "provisioning") =>
  db.subscription.create({ data: { portId, consumerTeamId: teamId, purpose: "Weekly revenue report", state, approvedAt: state === "provisioning" ? new Date() : null } });

const jobsFor = async (grantId: string) =>
  (await client.query<{ id: string; key: string }>("SELECT id, key FROM graphile_worker._private_jobs WHERE key = $1", [grantJobKey(grantId)])).rows;

const auditActions = async (entityId: string) => (await db.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" }, select: { action: true } })).map((e) => e.action);

describe("requestGrantProvisioning and the grant job (applyAccessGrant)", () => {
  it("a table port: one pending postgres_select grant and one job in the approval's transaction; applying it makes the role able to read and the subscription active", async () => {
    const producer = await tablePortWithContract(admin);
    const { team, role } = await consumerTeam();
    const subscription = await approvedSubscription(producer.port.id, team.id);

    const first = await db.$transaction((tx) => requestGrantProvisioning(tx, subscription.id));
    expect(first.active).toBe(false);
    expect(first.grants).toHaveLength(1);
    const [grant] = first.grants;
    expect(grant).toMatchObject({ kind: "postgres_select", principal: role, target: producer.location, state: "pending" });
    expect(await jobsFor(grant.id)).toHaveLength(1);

    // Asked again (a retried handler): no second grant, still one waiting job.
    const again = await db.$transaction((tx) => requestGrantProvisioning(tx, subscription.id));
    expect(again.grants.map((g) => g.id)).toEqual([grant.id]);
    expect(await jobsFor(grant.id)).toHaveLength(1);
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: false, selectWorks: false });

    const applied = await applyAccessGrant(grant.id);
    expect(applied).toMatchObject({ outcome: "applied", subscriptionActivated: true });
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: true, selectWorks: true });
    const after = await db.subscription.findUniqueOrThrow({ where: { id: subscription.id }, include: { grants: true } });
    expect(after.state).toBe("active");
    expect(after.activatedAt).not.toBeNull();
    expect(after.grants[0]).toMatchObject({ state: "applied", attempts: 1, lastError: null });
    expect(after.grants[0].appliedAt).not.toBeNull();
    expect(await auditActions(grant.id)).toEqual(["grant.request", "grant.apply"]);
    expect(await auditActions(subscription.id)).toEqual(["subscription.activate"]);

    // The same job again (redelivered after a crash): nothing granted twice, no second activation.
    const rerun = await applyAccessGrant(grant.id);
    expect(rerun).toMatchObject({ outcome: "applied", subscriptionActivated: false, result: { changes: [] } });
    expect(await auditActions(subscription.id)).toEqual(["subscription.activate"]);
    const appliedAt = (await db.accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).appliedAt;
    expect(appliedAt).toEqual(after.grants[0].appliedAt);
  });

  it("a topic port: a pending Kafka ACL grant with its job; without a cluster it ends not supported, with the reason, and the subscription is active", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, type: "kafka_topic" } });
    const { team } = await consumerTeam();
    const subscription = await approvedSubscription(port.id, team.id);
    const result = await db.$transaction((tx) => requestGrantProvisioning(tx, subscription.id));
    expect(result.active).toBe(false);
    expect(result.enqueued).toEqual([result.grants[0].id]);
    expect(result.grants[0]).toMatchObject({ kind: "kafka_acl", principal: `User:team-${team.slug}`, target: port.location, state: "pending" });
    expect(await applyAccessGrant(result.grants[0].id, { kafkaBrokers: undefined })).toMatchObject({ outcome: "not_supported", subscriptionActivated: true });
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: result.grants[0].id } })).toMatchObject({ state: "not_supported", lastError: expect.stringMatching(/^not supported by this cluster: /) });
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).toBe("active");
    expect(await applyAccessGrant(result.grants[0].id)).toMatchObject({ outcome: "skipped" });
  });

  it("a failed grant shows why and how often it was tried, and the retry that succeeds moves it to applied", async () => {
    // The port has no active contract yet, so its table cannot be created: the grant fails.
    const producer = await tablePortWithContract(admin, { contract: false });
    const { team, role } = await consumerTeam();
    const subscription = await approvedSubscription(producer.port.id, team.id);
    const { grants } = await db.$transaction((tx) => requestGrantProvisioning(tx, subscription.id));
    await expect(applyAccessGrant(grants[0].id)).rejects.toThrow(/no active contract/);
    const failed = await db.accessGrant.findUniqueOrThrow({ where: { id: grants[0].id } });
    expect(failed).toMatchObject({ state: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(/no active contract to create its table from/);
    expect((await db.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).state).toBe("provisioning");

    await submitContractVersion(producer.owner, producer.port.id, { contract: tableContractYaml(producer.location, "1.0.0", ORDER_PROPERTIES) });
    expect(await applyAccessGrant(grants[0].id)).toMatchObject({ outcome: "applied", subscriptionActivated: true });
    expect(await db.accessGrant.findUniqueOrThrow({ where: { id: grants[0].id } })).toMatchObject({ state: "applied", attempts: 2, lastError: null });
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: true, selectWorks: true });
    expect(await auditActions(grants[0].id)).toEqual(["grant.request", "grant.fail", "grant.apply"]);
  });

  it("refuses a subscription that is not approved, and leaves a grant alone once its subscription is cancelled", async () => {
    const producer = await tablePortWithContract(admin);
    const { team, role } = await consumerTeam();
    const pending = await approvedSubscription(producer.port.id, team.id, "pending_approval");
    await expectMeshworkError(db.$transaction((tx) => requestGrantProvisioning(tx, pending.id)), "conflict");
    expect(await db.accessGrant.count({ where: { subscriptionId: pending.id } })).toBe(0);

    await db.subscription.update({ where: { id: pending.id }, data: { state: "provisioning" } });
    const { grants } = await db.$transaction((tx) => requestGrantProvisioning(tx, pending.id));
    await db.subscription.update({ where: { id: pending.id }, data: { state: "cancelled" } });
    expect(await applyAccessGrant(grants[0].id)).toMatchObject({ outcome: "skipped", reason: expect.stringMatching(/cancelled/) });
    expect(await canRead(url(), role, producer.schema, producer.table)).toEqual({ privilege: false, selectWorks: false });
  });
});
