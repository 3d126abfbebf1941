import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { parseJobPayload } from "@/lib/jobs/job-payloads";
import { startJobRunner } from "@/lib/jobs/start-job-runner";
import { deliverContractEvents } from "@/lib/notifications/deliver-contract-events";
import { deliverWebhook } from "@/lib/webhooks/deliver-webhook";
import type { MeshworkWorker } from "./worker";

/** Sends team webhooks (signed, retried with backoff) and turns contract activations into notifications. */
export const notificationsWorker: MeshworkWorker = {
  name: "notifications",
  start: async ({ databaseUrl, log }) => {
    await db.$queryRaw`SELECT 1`;
    const runner = await startJobRunner({
      name: "notifications",
      databaseUrl,
      log,
      tasks: {
        "deliver-webhook": async (payload, helpers) => {
          const { deliveryId } = parseJobPayload("deliver-webhook", payload);
          const result = await deliverWebhook(deliveryId, { attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
          // Throwing hands the retry (with graphile-worker's exponential backoff) to the queue.
          if (result.outcome === "retrying") throw new Error(`webhook delivery ${deliveryId}, attempt ${helpers.job.attempts}: ${result.error}`);
          if (result.outcome === "failed") log(`notifications: webhook delivery ${deliveryId} failed for good: ${result.error}`);
        },
        "deliver-contract-events": async (payload) => {
          parseJobPayload("deliver-contract-events", payload);
          const count = await deliverContractEvents();
          if (count > 0) log(`notifications: delivered ${count} contract event(s)`);
        },
      },
    });
    // Contract events recorded while no worker ran (or before this worker existed) go out now.
    await enqueueJob(db, "deliver-contract-events", {}, { jobKey: "deliver-contract-events" });
    return runner;
  },
};
