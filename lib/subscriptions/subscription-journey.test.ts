import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { createUser } from "@/lib/testing/fixtures";
import { canRead, dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { decideSubscription } from "./decide-subscription";
import { getSubscription } from "./get-subscription";
import { listPortConsumers } from "./list-port-consumers";
import { requestSubscription } from "./request-subscription";
import { setTeamPrincipals } from "./set-team-principals";
import { consumerTeam, publishedProduct } from "./subscription-fixtures";

// The journey in one process: request → owner → steward → the provision job's work (applyAccessGrant, as the worker
// runs it) → active, and the team's role can SELECT from the table, which it could not before the last approval.

const url = () => process.env.DATABASE_URL!;
const prefix = testRolePrefix();
let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

afterAll(async () => {
  // The grant was applied here, as the worker would: its queued job must not reach a worker another test file starts.
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%'`;
  await dropRolesWithPrefix(url(), prefix);
  await closeDataPool();
});

describe("a subscription to a table with personal data, end to end", () => {
  it("is active after owner and steward approve and the grant is applied; the team's role reads the table then, not before", async () => {
    const { port, producers, product, location } = await publishedProduct(admin, { containsPersonalData: true });
    const [schema, table] = location.split(".");
    const analysts = await consumerTeam(admin);
    const role = `${prefix}team_analysts`;
    await setTeamPrincipals(admin, analysts.team.id, { kafkaPrincipal: null, postgresRole: role });

    const { subscription } = await requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Churn model training" }, { idempotencyKey: "journey" });
    await decideSubscription(producers.owner, subscription.id, "approve", { comment: "ok from the owners" });
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: false, selectWorks: false });

    const approved = await decideSubscription(steward, subscription.id, "approve", { comment: "purpose is covered by the DPA" });
    expect(approved).toMatchObject({ state: "provisioning", grants: [{ kind: "postgres_select", principal: role, target: location, state: "pending" }] });
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: false, selectWorks: false });

    const applied = await applyAccessGrant(approved.grants[0].id);
    expect(applied.outcome).not.toBe("skipped");

    const active = await getSubscription(analysts.member, subscription.id);
    expect(active).toMatchObject({ state: "active", grants: [{ state: "applied", appliedAt: expect.any(Date) }] });
    expect(await canRead(url(), role, schema, table)).toEqual({ privilege: true, selectWorks: true });
    const { consumers } = await listPortConsumers(await createUser(), product.id);
    expect(consumers).toMatchObject([{ team: { id: analysts.team.id }, purpose: "Churn model training", since: active.activatedAt, until: active.endsAt }]);

    // Every request, decision and grant left an audit event.
    const actions = (await db.auditEvent.findMany({ where: { entityId: { in: [subscription.id, approved.approval!.id, approved.grants[0].id] } }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["subscription.request", "approval.approve", "subscription.approve", "grant.request", "subscription.activate"]));
    expect(actions.filter((a) => a === "approval.approve")).toHaveLength(2);
  });
});
