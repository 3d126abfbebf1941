// `npm start`: runs Meshwork with no configuration — embedded PostgreSQL (unless DATABASE_URL is set),
// migrations, the demo mesh on an empty database, librdkafka's mock Kafka cluster (unless KAFKA_BROKERS is set), then
// the web app, the registry listener, the workers and, in demo mode, the demo producers. `--dev` runs Next in development mode.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "@/lib/db/migrate";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { startDemoKafka } from "@/lib/demo/start-demo-kafka";
import { stopProcessGroup } from "./process-group";

const ROOT = path.resolve(import.meta.dirname, "..");

// A Ctrl-C in the terminal signals the whole foreground process group, which would reach the embedded PostgreSQL (and
// embedded-postgres' own SIGINT hook) while the workers still hold connections. So the work runs in a process group of
// its own, told to stop by a SIGUSR2 (which embedded-postgres leaves alone), and stops everything in order.
if (process.env.MESHWORK_START_CHILD !== "1") {
  // An IPC channel as a lifeline: if this process dies, the channel closes and the work stops itself.
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: ["inherit", "inherit", "inherit", "ipc"], detached: true, env: { ...process.env, MESHWORK_START_CHILD: "1" } });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => child.kill("SIGUSR2"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  await new Promise(() => {});
}
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  const stale = !existsSync(buildId) || ["app", "components", "lib"].some((d) => newestSource(path.join(ROOT, d)) > statSync(buildId).mtimeMs);
  if (!stale) return;
  console.log("Building the web app (first start only; takes a minute or two)…");
  const result = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
}

async function main() {
  // The embedded default is the demo (demo accounts, one-click sign-in, a generated secret); a real DATABASE_URL is not.
  if (!process.env.DATABASE_URL) process.env.MESHWORK_DEMO ??= "on";
  const { refuseToStartWithoutSecret } = await import("@/lib/auth/auth-secret");
  refuseToStartWithoutSecret();
  const demo = process.env.MESHWORK_DEMO === "on";
  let stopDatabase = async () => {};
  if (!process.env.DATABASE_URL) {
    console.log("No DATABASE_URL: starting the embedded PostgreSQL in .meshwork/pg …");
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".meshwork/pg"), port: Number(process.env.MESHWORK_PG_PORT ?? 54329) });
    stopDatabase = embedded.stop;
    process.env.DATABASE_URL = await ensureDatabase(embedded.serverUrl, "meshwork");
  }
  const migrations = await migrateDatabase(process.env.DATABASE_URL);
  console.log(`Database ready (${migrations.applied.length} migration(s) applied, ${migrations.alreadyApplied} already there).`);
  const { seedDemoMesh } = await import("../prisma/seed");
  const seed = await seedDemoMesh();
  if (seed.seeded) console.log("Seeded the demo mesh.");
  else if (!demo) console.log(seed.reason);

  let stopKafka = async () => {};
  if (!process.env.KAFKA_BROKERS?.trim()) {
    console.log("No KAFKA_BROKERS: starting librdkafka's mock Kafka cluster (in memory) with the demo topics …");
    const cluster = await startDemoKafka();
    stopKafka = cluster.stop;
    process.env.KAFKA_BROKERS = cluster.brokers.join(",");
    // Meshwork just created these topics empty, so the stored offsets of the last start's stream mean nothing: every
    // table port starts again from the beginning (never with KAFKA_BROKERS set — a real cluster's reset waits for an owner).
    const { resetMaterializationsForFreshCluster } = await import("@/lib/materialization/reset-for-fresh-cluster");
    try {
      const reset = await resetMaterializationsForFreshCluster();
      console.log(`The mock cluster starts empty on every start, so every table port materializes again from the beginning${reset.ports ? ` (${reset.ports} port(s) reset, ${reset.rows} row(s) of the last start's stream removed)` : ""}.`);
    } catch (error) {
      console.log(`Table ports were not reset for the empty mock cluster: ${error instanceof Error ? error.message : error}`);
    }
  }
  console.log(`Kafka: ${process.env.KAFKA_BROKERS}`);

  if (!dev) buildIfStale();
  // Each child in its own process group, so stopping Meshwork stops next-server too, not only the npx wrapper.
  const env = { ...process.env, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}` };
  const children = [
    { name: "web app", process: spawn("npx", ["next", dev ? "dev" : "start", "-p", port], { cwd: ROOT, stdio: "inherit", detached: true, env }) },
    { name: "schema registry listener", process: spawn("npx", ["tsx", "bin/registry-server.ts"], { cwd: ROOT, stdio: "inherit", detached: true, env }) },
    // Node itself with tsx's loader, no wrapper: it gets the group's SIGTERM once and finishes the jobs it holds. A 64 MB
    // young generation: the materializer's batches then die young instead of being copied while they wait for PostgreSQL.
    { name: "workers", process: spawn(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", "workers/main.ts"], { cwd: ROOT, stdio: "inherit", detached: true, env }) },
    // Stand-ins for the domain teams' services: registry-encoded events (and a few bad records) to the demo topics.
    ...(demo ? [{ name: "demo producers", process: spawn(process.execPath, ["--import", "tsx", "workers/demo-producers.ts"], { cwd: ROOT, stdio: "inherit", detached: true, env }) }] : []),
  ];
  console.log(`\nMeshwork: http://localhost:${port}${demo ? `  (demo password: ${process.env.MESHWORK_DEMO_PASSWORD ?? "meshwork-demo"})` : ""}`);
  console.log(`CLI, from any directory: MESHWORK_URL=http://localhost:${port} MESHWORK_TOKEN=mw_... npx --yes --package ${ROOT} meshwork contract check FILE --port PORT_URN\n`);

  let stopping = false;
  const shutdown = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    // To the last process of each group (npx's next-server too), so no connection sees the database stop.
    await Promise.all(children.map(({ process: child }) => stopProcessGroup(child.pid!)));
    await stopKafka();
    await stopDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGUSR2", () => void shutdown());
  process.on("disconnect", () => void shutdown());
  for (const { name, process: child } of children) {
    child.on("exit", (code) => {
      if (stopping) return;
      console.error(`The ${name} exited (${code}); stopping Meshwork.`);
      void shutdown(code ?? 1);
    });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
