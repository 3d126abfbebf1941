import type { Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

/** Attempts per delivery; graphile-worker waits e^attempt seconds between them (3 s, 7 s, 20 s … ~2.2 h): ~3.5 hours in all. */
export const WEBHOOK_MAX_ATTEMPTS = 10;

export type WebhookDeliveryInput = {
  teamId: string;
  eventId: string;
  kind: string;
  payload: Record<string, unknown>;
  maxAttempts?: number;
  resentFromId?: string;
};

/** Records a delivery (pending) and enqueues the job that sends it, both in the caller's transaction. */
export async function enqueueWebhookDelivery(tx: Tx, input: WebhookDeliveryInput): Promise<{ id: string }> {
  const maxAttempts = input.maxAttempts ?? WEBHOOK_MAX_ATTEMPTS;
  const delivery = await tx.webhookDelivery.create({
    data: {
      teamId: input.teamId,
      eventId: input.eventId,
      kind: input.kind,
      payload: input.payload as never,
      maxAttempts,
      resentFromId: input.resentFromId ?? null,
      createdAt: now(),
    },
    select: { id: true },
  });
  await enqueueJob(tx, "deliver-webhook", { deliveryId: delivery.id }, { maxAttempts, jobKey: `webhook:${delivery.id}` });
  return delivery;
}
