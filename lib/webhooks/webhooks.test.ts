import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createOwnedTeam, createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { notify } from "@/lib/notifications/notify";
import type { RunningWorker } from "@/workers/worker";
import { notificationsWorker } from "@/workers/notifications-worker";
import { enqueueWebhookDelivery } from "./enqueue-webhook-delivery";
import { getTeamWebhook } from "./get-team-webhook";
import { resendWebhookDelivery } from "./resend-webhook-delivery";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { setTeamWebhook } from "./set-team-webhook";
import { signWebhook, verifyWebhookSignature } from "./webhook-signature";
import { webhookUrlProblem } from "./webhook-url";

type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };

/** A local receiver answering each request with the next status of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body, at: Date.now() });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)];
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/hook`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until<T>(read: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

let admin: Actor;
let worker: RunningWorker;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  worker = await notificationsWorker.start({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
});
afterAll(async () => {
  await worker.stop();
  await db.$disconnect();
});

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ hello: "world" });
  it("verifies what it signed, and refuses a changed body, another secret, a missing header and an old (replayed) timestamp", () => {
    const t = 1_800_000_000;
    const header = signWebhook(secret, t, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t + 10 })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhookSignature({ secret, header, body: body.replace("world", "World"), nowSeconds: t })).toMatchObject({ ok: false, reason: expect.stringContaining("does not match") });
    expect(verifyWebhookSignature({ secret: "whsec_other", header, body, nowSeconds: t })).toMatchObject({ ok: false });
    expect(verifyWebhookSignature({ secret, header: undefined, body, nowSeconds: t })).toMatchObject({ ok: false, reason: expect.stringContaining("no Meshwork-Signature") });
    expect(verifyWebhookSignature({ secret, header, body, nowSeconds: t + 301 })).toMatchObject({ ok: false, reason: expect.stringContaining("replay") });
    // Re-signing an old body with a new timestamp needs the secret: swapping t alone breaks the signature.
    expect(verifyWebhookSignature({ secret, header: header.replace(`t=${t}`, `t=${t + 600}`), body, nowSeconds: t + 600 })).toMatchObject({ ok: false, reason: expect.stringContaining("does not match") });
  });

  it("accepts https URLs, http only to localhost in demo mode, and refuses internal addresses outside demo", () => {
    expect(webhookUrlProblem("https://hooks.example.com/meshwork", { demo: false })).toBeNull();
    expect(webhookUrlProblem("http://localhost:8080/hook", { demo: true })).toBeNull();
    expect(webhookUrlProblem("http://localhost:8080/hook", { demo: false })).toMatch(/https/);
    expect(webhookUrlProblem("http://hooks.example.com/x", { demo: true })).toMatch(/https/);
    for (const internal of ["https://127.0.0.1/x", "https://10.1.2.3/x", "https://192.168.0.1/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://[fd00::1]/x", "https://localhost/x", "https://db.internal/x", "https://[::ffff:10.0.0.1]/x"]) {
      expect(webhookUrlProblem(internal, { demo: false }), internal).toMatch(/internal/);
    }
    expect(webhookUrlProblem("ftp://example.com/x", { demo: true })).toMatch(/https/);
    expect(webhookUrlProblem("https://user:pw@example.com/x", { demo: false })).toMatch(/user name/);
  });
});

describe("team webhooks", () => {
  it("delivers an event to a local HTTP server, signed so that the receiver verifies it; a replay of it later is refused", async () => {
    const receiver = await startReceiver([200]);
    try {
      const { team, owner } = await createOwnedTeam(admin);
      const { secret } = await setTeamWebhook(owner, team.id, { url: receiver.url });
      expect(secret).toMatch(/^whsec_/);
      await db.$transaction((tx) => notify(tx, { kind: "grant.applied", title: "Access granted to orders", data: { port: "orders.events" }, recipients: { teamIds: [team.id] } }));

      const got = await until(async () => receiver.received[0]);
      const header = got.headers["meshwork-signature"] as string;
      expect(verifyWebhookSignature({ secret: secret!, header, body: got.body })).toMatchObject({ ok: true });
      const payload = JSON.parse(got.body);
      expect(payload).toMatchObject({ type: "grant.applied", title: "Access granted to orders", team: { id: team.id, slug: team.slug }, data: { port: "orders.events" }, attempt: 1 });
      expect(got.headers["meshwork-event"]).toBe("grant.applied");
      expect(got.headers["content-type"]).toBe("application/json");
      // The same request replayed ten minutes later fails the receiver's check.
      const t = Number(/t=(\d+)/.exec(header)![1]);
      expect(verifyWebhookSignature({ secret: secret!, header, body: got.body, nowSeconds: t + 600 })).toMatchObject({ ok: false, reason: expect.stringContaining("replay") });

      const delivery = await until(async () => db.webhookDelivery.findFirst({ where: { teamId: team.id, state: "delivered" } }));
      expect(delivery).toMatchObject({ attempts: 1, responseStatus: 200, lastError: null, url: receiver.url, id: payload.deliveryId });
      expect(await db.auditEvent.findFirst({ where: { entityId: delivery.id, action: "webhook.delivered" } })).not.toBeNull();

      // The owner sees it on the team's deliveries and can resend it; a rotated secret signs from then on.
      const { secret: rotated } = await rotateWebhookSecret(owner, team.id);
      const view = await getTeamWebhook(owner, team.id);
      expect(view.webhook).toMatchObject({ url: receiver.url });
      expect(JSON.stringify(view)).not.toContain(secret!);
      expect(view.deliveries.map((d) => d.id)).toEqual([delivery.id]);
      const resent = await resendWebhookDelivery(owner, team.id, delivery.id);
      const second = await until(async () => receiver.received[1]);
      expect(verifyWebhookSignature({ secret: rotated, header: second.headers["meshwork-signature"] as string, body: second.body })).toMatchObject({ ok: true });
      expect(verifyWebhookSignature({ secret: secret!, header: second.headers["meshwork-signature"] as string, body: second.body })).toMatchObject({ ok: false });
      expect(JSON.parse(second.body)).toMatchObject({ id: payload.id, deliveryId: resent.id });
    } finally {
      await receiver.close();
    }
  });

  it("retries a failing endpoint with growing waits, and shows the final failure with the endpoint's answer", async () => {
    const receiver = await startReceiver([500]);
    try {
      const { team, owner } = await createOwnedTeam(admin);
      await setTeamWebhook(owner, team.id, { url: receiver.url });
      const { id } = await db.$transaction((tx) =>
        enqueueWebhookDelivery(tx, { teamId: team.id, eventId: crypto.randomUUID(), kind: "grant.failed", payload: { type: "grant.failed" }, maxAttempts: 3 }),
      );
      const seen: { attempts: number; state: string; nextAttemptAt: Date | null }[] = [];
      const final = await until(async () => {
        const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id } });
        if (row.attempts > (seen.at(-1)?.attempts ?? 0)) seen.push({ attempts: row.attempts, state: row.state, nextAttemptAt: row.nextAttemptAt });
        return row.state === "failed" && row;
      }, 45_000);
      expect(seen.map((s) => [s.attempts, s.state])).toEqual([
        [1, "retrying"],
        [2, "retrying"],
        [3, "failed"],
      ]);
      expect(final).toMatchObject({ attempts: 3, maxAttempts: 3, responseStatus: 500, lastError: "the endpoint answered HTTP 500", nextAttemptAt: null });
      // Exponential backoff: the second wait is longer than the first.
      const gaps = receiver.received.slice(1).map((r, i) => r.at - receiver.received[i].at);
      expect(receiver.received).toHaveLength(3);
      expect(gaps[0]).toBeGreaterThan(1_500);
      expect(gaps[1]).toBeGreaterThan(gaps[0] * 1.5);
      const audit = await db.auditEvent.findFirst({ where: { entityId: id, action: "webhook.delivery_failed" } });
      expect(audit?.summary).toContain("after 3 attempt(s)");
      const view = await getTeamWebhook(owner, team.id);
      expect(view.deliveries[0]).toMatchObject({ id, state: "failed", attempts: 3, responseStatus: 500 });
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it("lets only the team's owners and admins see or change its webhook", async () => {
    const { team, owner, member } = await createOwnedTeam(admin);
    const other = await createOwnedTeam(admin);
    await setTeamWebhook(owner, team.id, { url: "https://hooks.example.com/a" });
    for (const stranger of [member, other.owner]) {
      await expectMeshworkError(getTeamWebhook(stranger, team.id), "forbidden");
      await expectMeshworkError(setTeamWebhook(stranger, team.id, { url: "https://evil.example.com/x" }), "forbidden");
      await expectMeshworkError(rotateWebhookSecret(stranger, team.id), "forbidden");
    }
    expect((await getTeamWebhook(admin, team.id)).webhook?.url).toBe("https://hooks.example.com/a");
    await expectMeshworkError(setTeamWebhook(owner, team.id, { url: "ftp://x" }), "validation_failed");
  });
});
