import { z } from "zod";

/**
 * Every background job Meshwork enqueues, by task name, with the payload it carries. Enqueuers are typed by it and
 * handlers parse with it (a payload is input like any other: a job row can be written by hand or by an older version).
 */
export const JobPayloads = {
  /** Give a consumer team's PostgreSQL role SELECT on a table port's table (grant), or take it away (revoke). */
  "provision-grant": z.object({
    action: z.enum(["grant", "revoke"]),
    portId: z.string().uuid(),
    teamId: z.string().uuid(),
    /** The subscription's AccessGrant this job applies; its state (pending → applied, or failed) is kept up to date. */
    grantId: z.string().uuid().optional(),
  }),
  /** Send one webhook delivery (lib/webhooks) to its team's URL, signed; retried with graphile-worker's backoff. */
  "deliver-webhook": z.object({ deliveryId: z.string().uuid() }),
  /** Turn undelivered contract_event rows into notifications for the subscribing teams and mark them delivered. */
  "deliver-contract-events": z.object({}),
  /** Reminders and expiries of subscriptions by lib/clock's time; reschedules itself (MESHWORK_LIFECYCLE_EVERY_SECONDS). */
  "subscription-lifecycle": z.object({}),
  /** Reconcile grants with PostgreSQL: a scheduled run (no runId; reschedules itself) or a steward's "Check now" run. */
  "reconcile-grants": z.object({ runId: z.string().uuid().optional() }),
  /** Runs the quality checks of table ports that are due, then schedules the next tick (workers/quality-worker.ts). */
  "quality-tick": z.object({}),
} as const;

export type JobName = keyof typeof JobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof JobPayloads)[N]>;

/** The payload of a claimed job, parsed; a malformed one throws, so the job fails with the reason in its last_error. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  const parsed = JobPayloads[name].safeParse(payload);
  if (!parsed.success) throw new Error(`Malformed ${name} payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return parsed.data as JobPayload<N>;
}
