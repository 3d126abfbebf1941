import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import { JobPayloads, type JobName, type JobPayload } from "./job-payloads";

export type EnqueueOptions = {
  /** At most one pending job per key: enqueueing again with the same key replaces the waiting job instead of adding one. */
  jobKey?: string;
  /** Jobs of one queue run one at a time, in order. */
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * Writes a job into graphile-worker's queue through the caller's Prisma transaction, so it exists exactly when the
 * change that caused it commits (the outbox): a rollback leaves no job, a crash after commit loses none. The
 * workers wake on graphile-worker's NOTIFY, which PostgreSQL delivers at commit.
 */
export async function enqueueJob<N extends JobName>(tx: Tx | Db, name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<{ id: string }> {
  const body = JobPayloads[name].parse(payload);
  const rows = await tx.$queryRaw<{ id: bigint }[]>(Prisma.sql`
    SELECT id FROM graphile_worker.add_job(
      ${name}::text,
      ${JSON.stringify(body)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )`);
  return { id: String(rows[0].id) };
}
