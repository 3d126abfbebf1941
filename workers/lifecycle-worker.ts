import { db } from "@/lib/db";
import { dataPool } from "@/lib/data-tables/data-database";
import { env } from "@/lib/env";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { parseJobPayload } from "@/lib/jobs/job-payloads";
import { startJobRunner } from "@/lib/jobs/start-job-runner";
import { reconcileGrants } from "@/lib/provisioning/reconcile-grants";
import { expireSubscriptions, remindExpiringSubscriptions } from "@/lib/subscriptions/expire-subscriptions";
import type { MeshworkWorker } from "./worker";

const LIFECYCLE_KEY = "subscription-lifecycle";
const RECONCILE_KEY = "reconcile-grants:schedule";

// The cadence is real time (how often to look); what is due is decided by lib/clock's now() inside the passes.
const after = (seconds: number) => new Date(Date.now() + seconds * 1_000);

/**
 * Subscriptions over time: reminds teams before their subscriptions end, expires them at their end date (the
 * provisioning worker then revokes their grants), and reconciles grants with PostgreSQL on a schedule and on a
 * steward's "Check now". Both periodic jobs reschedule themselves under one job key each, so however many worker
 * processes run, one chain of each exists.
 */
export const lifecycleWorker: MeshworkWorker = {
  name: "lifecycle",
  start: async ({ databaseUrl, log }) => {
    await Promise.all([db.$queryRaw`SELECT 1`, dataPool().query("SELECT 1")]);
    const runner = await startJobRunner({
      name: "lifecycle",
      databaseUrl,
      log,
      concurrency: 2,
      tasks: {
        "subscription-lifecycle": async (payload) => {
          parseJobPayload("subscription-lifecycle", payload);
          try {
            const reminded = await remindExpiringSubscriptions();
            const expired = await expireSubscriptions();
            if (reminded.length > 0) log(`lifecycle: reminded ${reminded.length} subscription(s) expiring soon: ${reminded.join(", ")}`);
            if (expired.length > 0) log(`lifecycle: expired ${expired.length} subscription(s): ${expired.join(", ")}`);
          } finally {
            await enqueueJob(db, "subscription-lifecycle", {}, { jobKey: LIFECYCLE_KEY, runAt: after(env.MESHWORK_LIFECYCLE_EVERY_SECONDS) });
          }
        },
        "reconcile-grants": async (payload) => {
          const job = parseJobPayload("reconcile-grants", payload);
          try {
            const { runId, checked, repairs } = await reconcileGrants({ runId: job.runId });
            log(`lifecycle: reconciliation ${runId} checked ${checked} grant(s), ${repairs.length} repair(s)${repairs.map((r) => `; ${r.repair} ${r.principal} on ${r.target}`).join("")}`);
          } finally {
            if (!job.runId) await enqueueJob(db, "reconcile-grants", {}, { jobKey: RECONCILE_KEY, runAt: after(env.MESHWORK_RECONCILE_EVERY_SECONDS) });
          }
        },
      },
    });
    // Start both chains now (replacing a waiting one: a restarted worker looks at once).
    await enqueueJob(db, "subscription-lifecycle", {}, { jobKey: LIFECYCLE_KEY });
    await enqueueJob(db, "reconcile-grants", {}, { jobKey: RECONCILE_KEY });
    return runner;
  },
};
