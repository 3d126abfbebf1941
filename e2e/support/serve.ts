// Serves the production build against a fresh, seeded database of its own, for the end-to-end tests.
import { spawn } from "node:child_process";
import path from "node:path";
import { prepareTestDatabase } from "@/lib/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "../..");
const port = process.env.E2E_PORT ?? "3100";

const database = await prepareTestDatabase("e2e");
process.env.DATABASE_URL = database.url;
const { seedDemoMesh } = await import("../../prisma/seed");
await seedDemoMesh();

const web = spawn("npx", ["next", "start", "-p", port], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.url, NEXTAUTH_URL: `http://localhost:${port}` },
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  web.kill("SIGTERM");
  await new Promise((resolve) => web.once("exit", resolve));
  await database.drop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
web.on("exit", () => void stop());
