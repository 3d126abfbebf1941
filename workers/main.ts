// Meshwork's background workers, one process: `npx tsx workers/main.ts`. It starts the workers named in
// MESHWORK_WORKERS (comma-separated; all of them when unset) and stops them cleanly on SIGTERM or SIGINT: each stops
// taking work and finishes (or abandons, after a grace period) what it holds, then the shared connections close,
// once, in order. A second SIGINT (Ctrl-C twice) exits at once; a repeated SIGTERM does not, as a process manager
// that signals the whole group and a wrapper that relays the signal (tsx, npm) deliver it twice.
import type { MeshworkWorker, RunningWorker } from "./worker";

const WORKERS: Record<string, () => Promise<MeshworkWorker>> = {
  provisioning: async () => (await import("./provisioning-worker")).provisioningWorker,
  lifecycle: async () => (await import("./lifecycle-worker")).lifecycleWorker,
  notifications: async () => (await import("./notifications-worker")).notificationsWorker,
  "audit-sealer": async () => (await import("./audit-sealer")).auditSealerWorker,
  materialization: async () => (await import("./materialization-worker")).materializationWorker,
  quality: async () => (await import("./quality-worker")).qualityWorker,
};

const log = (line: string) => console.log(`[workers] ${line}`);

function refuse(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  // Configuration first, each problem on one line, before any connection opens.
  let env: typeof import("@/lib/env");
  let clock: typeof import("@/lib/clock");
  try {
    env = await import("@/lib/env");
    clock = await import("@/lib/clock");
  } catch (error) {
    refuse(error instanceof Error ? error.message : String(error));
  }
  const databaseUrl = process.env.DATABASE_URL ?? env.env.DATABASE_URL;
  if (!databaseUrl) refuse("DATABASE_URL is not set: the workers need Meshwork's database (`npm start` passes its embedded one).");
  // Like the web app and the registry listener: outside demo mode, no start without a real NEXTAUTH_SECRET.
  (await import("@/lib/auth/auth-secret")).refuseToStartWithoutSecret();
  const requested = (env.env.MESHWORK_WORKERS ?? "").split(",").map((n) => n.trim()).filter(Boolean);
  const names = requested.length > 0 ? requested : Object.keys(WORKERS);
  const unknown = names.filter((n) => !(n in WORKERS));
  if (unknown.length > 0) refuse(`MESHWORK_WORKERS names no worker called ${unknown.join(", ")}; there are: ${Object.keys(WORKERS).join(", ")}.`);

  const running: { name: string; worker: RunningWorker }[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number, reason: string) => {
    stopping ??= (async () => {
      log(`stopping (${reason})`);
      // Workers in reverse start order, then what they shared: the data database's pool, then Prisma's.
      for (const { name, worker } of [...running].reverse()) {
        await worker.stop().catch((error: Error) => log(`${name} did not stop cleanly: ${error.message}`));
      }
      const [{ closeDataPool }, { db }] = await Promise.all([import("@/lib/data-tables/data-database"), import("@/lib/db")]);
      await closeDataPool().catch((error: Error) => log(`closing the data database pool: ${error.message}`));
      await db.$disconnect().catch((error: Error) => log(`closing Meshwork's database: ${error.message}`));
      log("stopped");
      process.exit(code);
    })();
    return stopping;
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) {
        if (signal === "SIGTERM") return;
        log(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      void shutdown(0, signal);
    });
  }

  for (const name of names) {
    try {
      const worker = await (await WORKERS[name]()).start({ databaseUrl, log });
      running.push({ name, worker });
      worker.done.then(
        () => void (stopping ?? shutdown(1, `the ${name} worker stopped on its own`)),
        (error: Error) => void shutdown(1, `the ${name} worker failed: ${error.message}`),
      );
    } catch (error) {
      log(`the ${name} worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      await shutdown(1, "a worker could not start");
      return;
    }
    if (stopping) return;
  }
  const clockNote = process.env.MESHWORK_CLOCK ? `, clock ${clock.now().toISOString()} (MESHWORK_CLOCK=${process.env.MESHWORK_CLOCK})` : "";
  log(`ready: ${names.join(", ")}${env.demoMode ? " (demo mode)" : ""}${clockNote}`);
}

void main();
