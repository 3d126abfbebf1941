// `npm test`: every check, in the order a failure is cheapest to find — types, lint, unit and integration
// tests (real PostgreSQL, real Kafka-protocol server), production build, end-to-end tests in Chromium.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { summarizeReports, summaryLines } from "./test-summary";

const ROOT = path.resolve(import.meta.dirname, "..");
const REPORTS = path.join(ROOT, ".cache/test-reports");
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

type Step = { name: string; command: string[]; env?: Record<string, string> };
const steps: Step[] = [
  { name: "type-check", command: ["npx", "tsc", "--noEmit"] },
  { name: "lint", command: ["npx", "eslint", "."] },
  { name: "unit and integration tests", command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${REPORTS}/vitest.json`] },
  { name: "production build", command: ["npx", "next", "build"] },
  { name: "end-to-end tests", command: ["npx", "playwright", "test", "--reporter=list,json"], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` } },
];

const only = process.argv.slice(2);
let failedStep: string | undefined;
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  console.log(`\n=== ${step.name}: ${step.command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(step.command[0], step.command.slice(1), { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env } });
  console.log(`=== ${step.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

const summary = summarizeReports(REPORTS);
if (failedStep) console.log(`\nThe step "${failedStep}" failed.`);
console.log(`\n${summaryLines(summary).join("\n")}`);
process.exit(failedStep || summary.failed > 0 ? 1 : 0);
