import { db, type Db, type Tx } from "@/lib/db";

export type FailedJob = {
  id: string;
  task: string;
  payload: unknown;
  /** retrying: it failed and waits for its next attempt (runAt); failed: it used all its attempts and stays here. */
  state: "retrying" | "failed";
  attempts: number;
  maxAttempts: number;
  lastError: string;
  runAt: Date;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * Jobs whose last attempt failed, newest failure first, with graphile-worker's recorded error. A job that succeeds
 * leaves the queue, so what stays with an error is exactly what people need to look at. The payload is only in
 * graphile-worker's _private_jobs table (its jobs view leaves it out), hence the pinned 0.17.3.
 */
export async function listFailedJobs({ task, limit = 100 }: { task?: string; limit?: number } = {}, client: Db | Tx = db): Promise<FailedJob[]> {
  const rows = await client.$queryRaw<
    { id: bigint; task_identifier: string; payload: unknown; attempts: number; max_attempts: number; last_error: string; run_at: Date; created_at: Date; updated_at: Date }[]
  >`
    SELECT j.id, t.identifier AS task_identifier, j.payload, j.attempts, j.max_attempts, j.last_error, j.run_at, j.created_at, j.updated_at
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.last_error IS NOT NULL AND (${task ?? null}::text IS NULL OR t.identifier = ${task ?? null}::text)
    ORDER BY j.updated_at DESC, j.id DESC
    LIMIT ${limit}::int`;
  return rows.map((r) => ({
    id: String(r.id),
    task: r.task_identifier,
    payload: r.payload,
    state: r.attempts >= r.max_attempts ? "failed" : "retrying",
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    runAt: r.run_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
