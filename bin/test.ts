// `npm test`: every check, in the order a failure is cheapest to find — types, lint, unit and integration
// tests (real PostgreSQL, real Kafka-protocol server), production build, end-to-end tests in Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

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
  const result = spawnSync(step.command[0], step.command.slice(1), { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...step.env } });
  console.log(`=== ${step.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  const vitest = path.join(REPORTS, "vitest.json");
  if (existsSync(vitest)) {
    const r = JSON.parse(readFileSync(vitest, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
  }
  const playwright = path.join(REPORTS, "playwright.json");
  if (existsSync(playwright)) {
    const r = JSON.parse(readFileSync(playwright, "utf8"));
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
  }
  return { passed, failed };
}

const { passed, failed } = counts();
if (failedStep) console.log(`\nThe step "${failedStep}" failed.`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
