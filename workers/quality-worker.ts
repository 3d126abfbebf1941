import { db } from "@/lib/db";
import { now } from "@/lib/clock";
import { dataPool } from "@/lib/data-tables/data-database";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { parseJobPayload } from "@/lib/jobs/job-payloads";
import { startJobRunner } from "@/lib/jobs/start-job-runner";
import { configuredBrokers, createKafka } from "@/lib/kafka/kafka-client";
import { dueTablePorts } from "@/lib/quality/due-table-ports";
import { runTableQuality } from "@/lib/quality/run-table-quality";
import { startStreamChecker } from "@/lib/quality/stream-checker";
import type { MeshworkWorker } from "./worker";

const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}".`);
  return value;
};

/**
 * Checks quality and freshness against each port's contract (lib/quality): a self-rescheduling quality-tick job runs
 * the table checks that are due (one chain across worker processes, by its job key), and a stream checker reads every
 * topic port's new records in its own consumer group and evaluates a window of them every MESHWORK_QUALITY_WINDOW_MS.
 */
export const qualityWorker: MeshworkWorker = {
  name: "quality",
  start: async ({ databaseUrl, log }) => {
    const tickMs = positive("MESHWORK_QUALITY_TICK_MS", 30_000);
    const windowMs = positive("MESHWORK_QUALITY_WINDOW_MS", 30_000);
    await Promise.all([db.$queryRaw`SELECT 1`, dataPool().query("SELECT 1")]);
    // graphile-worker schedules on the database's real time, so the next tick is real time too (not a shifted clock).
    const nextTick = () => enqueueJob(db, "quality-tick", {}, { jobKey: "quality-tick", runAt: new Date(Date.now() + tickMs) });
    const runner = await startJobRunner({
      name: "quality",
      databaseUrl,
      log,
      concurrency: 2,
      tasks: {
        "quality-tick": async (payload) => {
          parseJobPayload("quality-tick", payload);
          try {
            for (const portId of await dueTablePorts(now())) {
              const run = await runTableQuality(portId).catch((error: Error) => {
                log(`quality: checks of table port ${portId} failed: ${error.message}`);
                return null;
              });
              if (run && (run.opened.length > 0 || run.resolved.length > 0)) log(`quality: port ${portId}: ${run.opened.length} incident(s) opened, ${run.resolved.length} resolved`);
            }
          } finally {
            await nextTick();
          }
        },
      },
    });
    await enqueueJob(db, "quality-tick", {}, { jobKey: "quality-tick" });
    const brokers = configuredBrokers();
    if (!brokers) log("quality: KAFKA_BROKERS is not set, so streams are not read; stream freshness will say no message was seen");
    const stream = await startStreamChecker({ kafka: brokers ? createKafka({ brokers, clientId: "meshwork-quality" }) : null, log, windowMs });
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= stream.stop().finally(() => runner.stop()));
    return { stop, done: runner.done };
  },
};
