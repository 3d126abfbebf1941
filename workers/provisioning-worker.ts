import { db } from "@/lib/db";
import { dataPool } from "@/lib/data-tables/data-database";
import { parseJobPayload } from "@/lib/jobs/job-payloads";
import { startJobRunner } from "@/lib/jobs/start-job-runner";
import { applyAccessGrant } from "@/lib/provisioning/apply-access-grant";
import { provisionGrant } from "@/lib/provisioning/provision-grant";
import { revokeAccessGrant } from "@/lib/provisioning/revoke-access-grant";
import type { MeshworkWorker } from "./worker";

/** Applies and revokes consumer teams' PostgreSQL grants and Kafka ACLs, from provision-grant jobs. */
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
          if (job.grantId && job.action === "revoke") {
            const revoked = await revokeAccessGrant(job.grantId);
            if (revoked.outcome === "skipped") return log(`provisioning: job ${helpers.job.id} revoke ${job.grantId} skipped: ${revoked.reason}`);
            const outcome = revoked.keptFor ? `kept for subscription ${revoked.keptFor}` : revoked.changes.join(", ") || "nothing left to revoke";
            return log(`provisioning: job ${helpers.job.id} revoke grant ${job.grantId}: ${outcome}`);
          }
          if (job.grantId) {
            // A subscription's grant: its state in Meshwork's database follows (pending → applied, or failed → retried).
            const applied = await applyAccessGrant(job.grantId);
            if (applied.outcome === "skipped") return log(`provisioning: job ${helpers.job.id} grant ${job.grantId} skipped: ${applied.reason}`);
            const activated = applied.subscriptionActivated ? "; subscription active" : "";
            if (applied.outcome === "not_supported") return log(`provisioning: job ${helpers.job.id} grant ${job.grantId} not supported by this cluster: ${applied.reason}${activated}`);
            return log(`provisioning: job ${helpers.job.id} grant ${job.grantId}: ${applied.summary}${activated}`);
          }
          const result = await provisionGrant(job);
          const outcome = result.changes.length > 0 ? result.changes.join(", ") : "already in place";
          log(`provisioning: job ${helpers.job.id} ${job.action} ${result.role} on ${result.schema}.${result.table}: ${outcome}`);
        },
      },
    });
  },
};
