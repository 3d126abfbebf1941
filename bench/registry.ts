// Benchmark of the schema registry API (web app and dedicated listener): GET /schemas/ids/{id} and POST /subjects/{s}
// lookups with 50 concurrent connections, next to a trivial route on the same server as the ceiling.
//   npx tsx bench/registry.ts [--duration 10] [--connections 50]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { prepareTestDatabase } from "@/lib/testing/test-database";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { duration: { type: "string", default: "10" }, connections: { type: "string", default: "50" }, port: { type: "string", default: "3200" } } });
const duration = Number(values.duration);
const connections = Number(values.connections);
const base = `http://127.0.0.1:${values.port}`;

async function waitFor(url: string) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

type Run = { name: string; rps: number; p50: number; p99: number; errors: number; non2xx: number };

async function measure(name: string, options: autocannon.Options): Promise<Run> {
  const result = await autocannon({ connections, duration, ...options });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("Building the production app…");
    if (spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("next build failed");
  }
  const database = await prepareTestDatabase("bench_registry");
  process.env.DATABASE_URL = database.url;
  // A benchmark database is a demo one: the demo mesh and accounts are seeded, the servers use the generated secret.
  process.env.MESHWORK_DEMO = "on";
  const { seedDemoMesh } = await import("../prisma/seed");
  await seedDemoMesh();
  const { db } = await import("@/lib/db");
  const { loadActor } = await import("@/lib/auth/load-actor");
  const { createApiToken } = await import("@/lib/tokens/create-api-token");
  const analyst = await loadActor((await db.user.findUniqueOrThrow({ where: { email: "analyst@meshwork.dev" } })).id);
  const { token } = await createApiToken(analyst!, { name: "bench" });
  const version = await db.registrySubjectVersion.findFirstOrThrow({ where: { subject: "orders.order-events.v1-value" }, orderBy: { version: "desc" }, include: { schema: true } });
  const schemaCount = await db.registrySchema.count();

  const headers = { authorization: `Basic ${Buffer.from(`bench:${token}`).toString("base64")}`, "content-type": "application/vnd.schemaregistry.v1+json" };
  const lookupBody = JSON.stringify({ schema: version.schema.schema });
  const env = { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: "1" };
  const targets = [
    { label: "web app (next start), /api/schema-registry", command: ["next", "start", "-p", values.port!], base: `${base}/api/schema-registry`, health: `${base}/api/health` },
    { label: "dedicated listener (bin/registry-server.ts)", command: ["tsx", "bin/registry-server.ts"], base: `http://127.0.0.1:${Number(values.port) + 1}`, health: `http://127.0.0.1:${Number(values.port) + 1}/health` },
  ];
  const report: Record<string, Run[]> = {};
  for (const target of targets) {
    const server = spawn("npx", target.command, { cwd: ROOT, env: { ...env, REGISTRY_PORT: String(Number(values.port) + 1) }, stdio: "ignore", detached: true });
    try {
      await waitFor(target.health);
      const ids = `${target.base}/schemas/ids/${version.schemaId}`;
      const lookup = `${target.base}/subjects/${version.subject}`;
      // Warm up every route once so compilation and caches do not count.
      await measure("warm-up", { url: ids, headers, duration: 2 });
      await measure("warm-up", { url: lookup, method: "POST", headers, body: lookupBody, duration: 2 });
      await measure("warm-up", { url: target.health, duration: 2 });
      const runs = [
        await measure("trivial route (ceiling)", { url: target.health }),
        await measure(`GET /schemas/ids/${version.schemaId}`, { url: ids, headers }),
        await measure(`POST /subjects/${version.subject} (lookup)`, { url: lookup, method: "POST", headers, body: lookupBody }),
      ];
      report[target.label] = runs;
      const ceiling = runs[0].rps;
      console.log(`\n${target.label}: ${connections} connections, ${duration} s per route, ${schemaCount} schemas, production build`);
      console.log("route".padEnd(64), "req/s".padStart(8), "p50 ms".padStart(8), "p99 ms".padStart(8), "errors".padStart(8), "vs trivial".padStart(11));
      for (const r of runs) {
        console.log(r.name.padEnd(64), r.rps.toFixed(0).padStart(8), String(r.p50).padStart(8), String(r.p99).padStart(8), String(r.errors + r.non2xx).padStart(8), `${((r.rps / ceiling) * 100).toFixed(0)}%`.padStart(11));
      }
      const idRun = runs[1];
      console.log(`Goal for id lookups: ≥ 1500 req/s (${idRun.rps >= 1500 ? "met" : "NOT met"}), p99 ≤ 50 ms (${idRun.p99 <= 50 ? "met" : "NOT met"}), ≥ 50% of the trivial route (${idRun.rps / ceiling >= 0.5 ? "met" : "NOT met"}).`);
    } finally {
      process.kill(-server.pid!, "SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/registry.json"), JSON.stringify({ at: new Date().toISOString(), connections, duration, report }, null, 2));
  await db.$disconnect();
  await database.drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
