import { db } from "@/lib/db";
import { dataPool } from "@/lib/data-tables/data-database";
import { parseJobPayload } from "@/lib/jobs/job-payloads";
import { startJobRunner } from "@/lib/jobs/start-job-runner";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { provisionGrant } from "@/lib/provisioning/provision-grant";
import type { MeshworkWorker } from "./worker";

/** Applies and revokes consumer teams' PostgreSQL grants, from provision-grant jobs. */
export const provisioningWorker: MeshworkWorker = {
  name: "provisioning",
  start: async ({ databaseUrl, log }) => {
    // Connect before taking work: a bad URL fails at start, and the first grant does not pay for the connections.
    await Promise.all([db.$queryRaw`SELECT 1`, dataPool().query("SELECT 1")]);
    return startJobRunner({
      name: "provisioning",
      databaseUrl,
      log,
      tasks: {
        "provision-grant": async (payload, helpers) => {
          const job = parseJobPayload("provision-grant", payload);
          if (job.grantId) {
            // A subscription's grant: its state in Meshwork's database follows (pending → applied, or failed → retried).
            const applied = await applyAccessGrant(job.grantId);
            if (applied.outcome === "skipped") return log(`provisioning: job ${helpers.job.id} grant ${job.grantId} skipped: ${applied.reason}`);
            const { result } = applied;
            const outcome = result.changes.length > 0 ? result.changes.join(", ") : "already in place";
            const activated = applied.subscriptionActivated ? "; subscription active" : "";
            return log(`provisioning: job ${helpers.job.id} grant ${result.role} on ${result.schema}.${result.table}: ${outcome}${activated}`);
          }
          const result = await provisionGrant(job);
          const outcome = result.changes.length > 0 ? result.changes.join(", ") : "already in place";
          log(`provisioning: job ${helpers.job.id} ${job.action} ${result.role} on ${result.schema}.${result.table}: ${outcome}`);
        },
      },
    });
  },
};
