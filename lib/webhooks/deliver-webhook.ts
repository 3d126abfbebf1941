import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { demoMode } from "@/lib/env";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { resolvedAddressProblem } from "./webhook-url";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature";

/** How long one attempt waits for the receiver's answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type DeliveryAttempt = { attempt: number; maxAttempts: number; timeoutMs?: number };
export type DeliveryOutcome =
  | { outcome: "skipped"; reason: string }
  | { outcome: "delivered"; status: number }
  | { outcome: "retrying"; error: string }
  | { outcome: "failed"; error: string };

/** graphile-worker's backoff: the next attempt runs about e^attempt seconds after a failure. */
const nextAttemptAt = (attempt: number) => new Date(now().getTime() + Math.exp(Math.min(attempt, 10)) * 1000);

/**
 * Sends one delivery to its team's current webhook URL, signed with the team's current secret, and records what
 * happened. A failure before the last attempt leaves it "retrying" (the caller throws so the job queue retries with
 * backoff); the last one leaves it "failed". Success and final failure are audit events.
 */
export async function deliverWebhook(deliveryId: string, { attempt, maxAttempts, timeoutMs = WEBHOOK_TIMEOUT_MS }: DeliveryAttempt): Promise<DeliveryOutcome> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { team: { select: { slug: true, webhook: { omit: { secret: false } } } } } });
  if (!delivery) return { outcome: "skipped", reason: "the delivery no longer exists" };
  if (delivery.state === "delivered" || delivery.state === "failed") return { outcome: "skipped", reason: `already ${delivery.state}` };
  const hook = delivery.team.webhook;
  const final = attempt >= maxAttempts;

  let status: number | null = null;
  let error: string | null = null;
  const startedAt = now();
  if (!hook) {
    error = "the team has no webhook any more";
  } else {
    const body = JSON.stringify({ ...(delivery.payload as object), deliveryId: delivery.id, attempt });
    try {
      const problem = await resolvedAddressProblem(hook.url, { demo: demoMode });
      if (problem) throw new Error(problem);
      // Wall-clock time, not Meshwork's (possibly shifted demo) clock: receivers compare it with their own clocks.
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(hook.url, {
        method: "POST",
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          "content-type": "application/json",
          "user-agent": "Meshwork-Webhooks/1",
          [SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body),
          "Meshwork-Event": delivery.kind,
          "Meshwork-Delivery": delivery.id,
        },
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status > 299) error = `the endpoint answered HTTP ${status}`;
    } catch (e) {
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
      error = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : `${e instanceof Error ? e.message : String(e)}${cause}`;
    }
  }

  const state = error === null ? "delivered" : final || !hook ? "failed" : "retrying";
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        state,
        attempts: attempt,
        url: hook?.url ?? delivery.url,
        responseStatus: status,
        lastError: error,
        lastAttemptAt: startedAt,
        nextAttemptAt: state === "retrying" ? nextAttemptAt(attempt) : null,
        deliveredAt: state === "delivered" ? now() : null,
      },
    });
    if (state === "delivered" || state === "failed") {
      await recordAuditEvent(tx, null, {
        action: state === "delivered" ? "webhook.delivered" : "webhook.delivery_failed",
        entityType: "webhook_delivery",
        entityId: delivery.id,
        summary:
          state === "delivered"
            ? `Delivered ${delivery.kind} to team ${delivery.team.slug}'s webhook (HTTP ${status}, attempt ${attempt})`
            : `Gave up delivering ${delivery.kind} to team ${delivery.team.slug}'s webhook after ${attempt} attempt(s): ${error}`,
        after: { teamId: delivery.teamId, eventId: delivery.eventId, kind: delivery.kind, url: hook?.url ?? null, attempts: attempt, responseStatus: status, error },
      });
    }
  });
  if (state === "delivered") return { outcome: "delivered", status: status! };
  return { outcome: state, error: error! };
}
