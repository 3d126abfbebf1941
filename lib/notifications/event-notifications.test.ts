import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { decideApprovalStep } from "@/lib/approvals/decide-approval-step";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { consumerTeam, publishedProduct } from "@/lib/subscriptions/subscription-fixtures";
import { closeDataPool } from "@/lib/data-tables/data-database";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { requestGrantProvisioning } from "@/lib/provisioning/request-grant-provisioning";
import { teamRoleName } from "@/lib/provisioning/team-role-name";
import { createOwnedTeam, createUser } from "@/lib/testing/fixtures";
import { dropRolesWithPrefix, ORDER_PROPERTIES, tableContractYaml, tablePortWithContract, testRolePrefix } from "@/lib/testing/table-port-fixture";
import { BASE, BREAKING, contractYaml } from "@/lib/approvals/approval-fixtures";
import { setTeamWebhook } from "@/lib/webhooks/set-team-webhook";
import { verifyWebhookSignature } from "@/lib/webhooks/webhook-signature";
import type { RunningWorker } from "@/workers/worker";
import { notificationsWorker } from "@/workers/notifications-worker";
import { listNotifications } from "./list-notifications";

let admin: Actor;
let steward: Actor;
let worker: RunningWorker;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
  worker = await notificationsWorker.start({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
});
const prefix = testRolePrefix();
afterAll(async () => {
  await worker.stop();
  // Leave no grant job behind for a worker another test file starts on this database.
  await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'provision-grant:%'`;
  await closeDataPool();
  await dropRolesWithPrefix(process.env.DATABASE_URL!, prefix);
  await db.$disconnect();
});

async function until<T>(read: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
const kinds = async (actor: Actor) => (await listNotifications(actor, { pageSize: "100" })).items;

describe("events that notify", () => {
  it("a request waiting on the port's owners reaches them (not the requester); the decision reaches the requester and the consuming team", async () => {
    const { producers, port } = await publishedProduct(admin, { access: { selfService: false } });
    const analysts = await consumerTeam(admin);
    const { subscription } = await requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Churn report" });
    expect(subscription.state).toBe("pending_approval");

    const [waiting] = await kinds(producers.owner);
    expect(waiting).toMatchObject({ kind: "approval.waiting", link: "/approvals", title: expect.stringContaining(`for team ${analysts.team.name}`), body: expect.stringContaining("Purpose: Churn report") });
    expect((await kinds(analysts.member)).filter((n) => n.kind === "approval.waiting")).toEqual([]);
    expect(await kinds(producers.member)).toEqual([]);

    const approval = await db.approvalRequest.findFirstOrThrow({ where: { subjectId: subscription.id } });
    await decideApprovalStep(producers.owner, approval.id, "approve", { comment: "ok for the report" });
    for (const who of [analysts.member, analysts.owner]) {
      const decided = (await kinds(who)).find((n) => n.kind === "subscription.decided");
      expect(decided, who.email).toMatchObject({ title: expect.stringMatching(/^Approved: Access to /), body: expect.stringContaining("ok for the report"), link: "/subscriptions" });
    }
  });

  it("a deprecation reaches the teams subscribed to the product, not others", async () => {
    const { producers, product, port } = await publishedProduct(admin);
    const analysts = await consumerTeam(admin);
    const bystanders = await consumerTeam(admin);
    await requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Reports" });
    await changeProductStatus(producers.owner, product.id, { status: "deprecated", reason: "Replaced by orders v2", sunsetDate: "2099-01-31" });
    const [note] = (await kinds(analysts.owner)).filter((n) => n.kind === "product.deprecated");
    expect(note).toMatchObject({ title: expect.stringContaining("sunset on 2099-01-31"), body: expect.stringContaining("Replaced by orders v2") });
    expect(await kinds(bystanders.owner)).toEqual([]);
  });

  it("a new contract version becoming active reaches the subscribing team's notification centre and webhook, breaking changes first", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { producers, port, location } = await publishedProduct(admin, { type: "kafka_topic" });
      await submitContractVersion(producers.owner, port.id, { contract: contractYaml(location, "1.0.0", BASE) });
      const analysts = await consumerTeam(admin);
      const { secret } = await setTeamWebhook(analysts.owner, analysts.team.id, { url: `http://localhost:${(server.address() as AddressInfo).port}/in` });
      await requestSubscription(analysts.member, { port: port.id, consumerTeam: analysts.team.id, purpose: "Reports" });

      // 2.0.0 turns `amount` into a string (breaking) and adds `channel` (not): a steward lets it through.
      const submitted = await submitContractVersion(producers.owner, port.id, { contract: contractYaml(location, "2.0.0", [...BREAKING, "channel:string"]) });
      expect(submitted.status).toBe("pending_approval");
      expect((await kinds(steward)).some((n) => n.kind === "approval.waiting" && n.title.includes("Contract 2.0.0"))).toBe(true);
      const approval = await db.approvalRequest.findFirstOrThrow({ where: { subjectId: submitted.id } });
      await decideApprovalStep(steward, approval.id, "approve", {});
      expect((await kinds(producers.owner)).some((n) => n.kind === "contract-version.decided")).toBe(true);

      const note = await until(async () => (await kinds(analysts.member)).find((n) => n.kind === "contract.activated"));
      expect(note.title).toMatch(/^Contract 2\.0\.0 is active on .* \(1 breaking\)$/);
      const lines = note.body!.split("\n");
      expect(lines[0]).toMatch(/change\(s\), 1 breaking:/);
      expect(lines[1]).toMatch(/^BREAKING: .*amount/);
      expect(lines.slice(2).some((l) => l.includes("channel") && !l.startsWith("BREAKING"))).toBe(true);
      const data = note.data as { changes: { breaking: boolean }[]; version: string; previousVersion: string };
      expect(data).toMatchObject({ version: "2.0.0", previousVersion: "1.0.0", breakingChanges: 1 });
      expect(data.changes[0].breaking).toBe(true);
      expect(await db.contractEvent.findFirst({ where: { contractVersionId: submitted.id, deliveredAt: null } })).toBeNull();

      const hook = await until(async () => received.find((r) => JSON.parse(r.body).type === "contract.activated"));
      expect(verifyWebhookSignature({ secret: secret!, header: hook.headers["meshwork-signature"] as string, body: hook.body })).toMatchObject({ ok: true });
      expect(JSON.parse(hook.body)).toMatchObject({ team: { id: analysts.team.id }, data: { version: "2.0.0", breakingChanges: 1 } });
      expect(JSON.parse(hook.body).data.changes.map((c: { breaking: boolean; field: string }) => [c.field, c.breaking])).toEqual([["amount", true], ["channel", false]]);
      // Delivered once: the producers (no subscription) heard nothing of the activation.
      expect((await kinds(producers.owner)).some((n) => n.kind === "contract.activated")).toBe(false);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("a grant that fails tells the consuming team and the requester once (not at every retry), and again when it is applied", async () => {
    // No active contract yet: the table cannot be created, so the grant fails until one is published.
    const producer = await tablePortWithContract(admin, { contract: false });
    const consumers = await createOwnedTeam(admin);
    await db.team.update({ where: { id: consumers.team.id }, data: { postgresRole: teamRoleName(consumers.team.slug, prefix) } });
    const subscription = await db.subscription.create({ data: { portId: producer.port.id, consumerTeamId: consumers.team.id, requesterId: consumers.member.id, purpose: "Revenue", state: "provisioning", approvedAt: new Date() } });
    const { grants } = await db.$transaction((tx) => requestGrantProvisioning(tx, subscription.id));
    await expect(applyAccessGrant(grants[0].id)).rejects.toThrow(/no active contract/);
    await expect(applyAccessGrant(grants[0].id)).rejects.toThrow(/no active contract/);
    const failedNotes = (await kinds(consumers.member)).filter((n) => n.kind === "grant.failed");
    expect(failedNotes).toHaveLength(1);
    expect(failedNotes[0]).toMatchObject({ title: expect.stringMatching(/^Access could not be granted yet: SELECT on /), body: expect.stringContaining("no active contract") });
    expect((await kinds(consumers.owner)).filter((n) => n.kind === "grant.failed")).toHaveLength(1);

    await submitContractVersion(producer.owner, producer.port.id, { contract: tableContractYaml(producer.location, "1.0.0", ORDER_PROPERTIES) });
    await applyAccessGrant(grants[0].id);
    await applyAccessGrant(grants[0].id);
    const applied = (await kinds(consumers.member)).filter((n) => n.kind === "grant.applied");
    expect(applied).toHaveLength(1);
    expect(applied[0].title).toBe(`Access granted: SELECT on ${producer.location} for team ${consumers.team.name}`);
  });
});
