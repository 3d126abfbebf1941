import { EventEmitter } from "node:events";
import pg from "pg";
import { Logger, run, type LogLevel, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";

// Advisory-lock namespace (first key) under which each live worker pool holds a lock named after its pool id.
const LIVENESS_LOCK = 72708;

export type JobRunner = {
  /** Stops taking jobs, lets the running ones finish (or abandons them after the grace period), then disconnects. */
  stop: () => Promise<void>;
  /** Settles when the runner stops, rejecting if it stopped on its own because of an error. */
  done: Promise<void>;
};

export type JobRunnerOptions = {
  name: string;
  databaseUrl: string;
  tasks: TaskList;
  concurrency?: number;
  /** A job locked by a pool that holds no liveness lock is recovered once it has been locked this long. */
  recoverAfterMs?: number;
  sweepEveryMs?: number;
  log?: (line: string) => void;
};

/**
 * Runs graphile-worker for one Meshwork worker, with what graphile-worker's open-source edition leaves out:
 * recovering jobs whose worker process died (SIGKILL, OOM, a lost machine). graphile-worker would leave such a job
 * locked for 4 hours. Here each pool holds a session advisory lock named after its pool id for as long as its
 * process lives; PostgreSQL drops it when the process's connection goes, and any runner's periodic sweep then
 * unlocks the jobs that pool held, so they run again (handlers are idempotent).
 */
export async function startJobRunner({ name, databaseUrl, tasks, concurrency = 4, recoverAfterMs = 5_000, sweepEveryMs = 2_000, log = console.log }: JobRunnerOptions): Promise<JobRunner> {
  const liveness = new pg.Client({ connectionString: databaseUrl, application_name: `meshwork ${name} worker` });
  await liveness.connect();
  let stopping = false;
  let failLiveness: (error: Error) => void = () => {};
  const livenessLost = new Promise<never>((_, reject) => (failLiveness = reject));
  livenessLost.catch(() => {});
  liveness.on("error", (error) => {
    // Without its liveness lock this process's jobs look abandoned to other runners: stop rather than run them twice.
    if (!stopping) failLiveness(new Error(`${name} worker lost its database connection: ${error.message}`));
  });

  // Our own pool, so a connection the server ends (a restart, a failover) is logged instead of crashing the process.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency + 2, application_name: `meshwork ${name} jobs` });
  pool.on("error", (error) => log(`${name}: a job queue connection failed: ${error.message}`));
  pool.on("connect", (client) => client.on("error", () => {}));

  const events: WorkerEvents = new EventEmitter() as WorkerEvents;
  const held: Promise<unknown>[] = [];
  events.on("pool:create", ({ workerPool }) => {
    held.push(liveness.query("SELECT pg_advisory_lock($1::int, hashtext($2))", [LIVENESS_LOCK, workerPool.id]));
  });

  const sweep = () =>
    recoverAbandonedJobs(liveness, recoverAfterMs).then(
      (pools) => {
        if (pools.length > 0) log(`${name}: recovered the jobs of stopped worker pool(s) ${pools.join(", ")}`);
      },
      (error: Error) => {
        if (!stopping) log(`${name}: could not look for abandoned jobs: ${error.message}`);
      },
    );

  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency,
      taskList: tasks,
      crontab: "",
      noHandleSignals: true,
      events,
      // Unbatched, graphile-worker does not wait for a finished job's completion write when it shuts down (the job
      // stays locked although its work is done); through the batcher (delay 0: no extra latency) shutdown flushes it.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      logger: new Logger(() => (level: LogLevel, message: string) => {
        // graphile-worker reports each failed attempt (with its error) as an error; the routine chatter stays out.
        if (level === "error" || level === "warning") log(`${name}: ${message}`);
      }),
    });
    await Promise.all(held);
  } catch (error) {
    await pool.end().catch(() => {});
    await liveness.end().catch(() => {});
    throw error;
  }
  await sweep();
  const timer = setInterval(() => void sweep(), sweepEveryMs);
  timer.unref();

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      clearInterval(timer);
      try {
        await runner.stop();
      } finally {
        await pool.end().catch(() => {});
        // Last, so the liveness lock outlives every job this process still held.
        await liveness.end().catch(() => {});
      }
    })();
    return stopped;
  };
  const done = Promise.race([runner.promise, livenessLost]).then(
    () => stop(),
    async (error: Error) => {
      await stop().catch(() => {});
      throw error;
    },
  );
  return { stop, done };
}

/** Unlocks the jobs (and queues) held by worker pools whose liveness lock is gone; returns those pools' ids. */
export async function recoverAbandonedJobs(client: pg.ClientBase | pg.Pool, olderThanMs: number): Promise<string[]> {
  const { rows } = await client.query<{ locked_by: string }>(
    `SELECT locked_by FROM (
       SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
       UNION ALL
       SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
     ) locked
     WHERE locked_at < now() - make_interval(secs => $2::double precision / 1000)
       AND NOT EXISTS (
         SELECT 1 FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = $1::int::oid AND l.objid = hashtext(locked.locked_by)::oid)
     GROUP BY locked_by`,
    [LIVENESS_LOCK, olderThanMs],
  );
  const pools = rows.map((r) => r.locked_by);
  if (pools.length > 0) await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [pools]);
  return pools;
}
