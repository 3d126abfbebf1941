// The closing summary of `npm test`, read from the Vitest and Playwright JSON reports.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export type TestSummary = { passed: number; failed: number; flaky: string[] };

type VitestReport = { numPassedTests: number; numFailedTests: number; testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[] };
type PlaywrightSuite = { file?: string; specs?: { title: string; file: string; tests: { status: string }[] }[]; suites?: PlaywrightSuite[] };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number }; suites: PlaywrightSuite[] };

const readJson = <T>(file: string): T | null => (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null);

function flakySpecs(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => spec.tests.some((t) => t.status === "flaky")).map((spec) => `e2e/${spec.file} › ${spec.title}`),
    ...flakySpecs(suite.suites ?? []),
  ]);
}

export function summarizeReports(reportsDir: string, root = path.resolve(import.meta.dirname, "..")): TestSummary {
  const summary: TestSummary = { passed: 0, failed: 0, flaky: [] };
  const vitest = readJson<VitestReport>(path.join(reportsDir, "vitest.json"));
  if (vitest) {
    summary.passed += vitest.numPassedTests;
    summary.failed += vitest.numFailedTests;
    // Vitest keeps the errors of failed attempts on a test that passed on a retry.
    for (const file of vitest.testResults) {
      for (const t of file.assertionResults) if (t.status === "passed" && t.failureMessages.length > 0) summary.flaky.push(`${path.relative(root, file.name)} › ${t.fullName}`);
    }
  }
  const playwright = readJson<PlaywrightReport>(path.join(reportsDir, "playwright.json"));
  if (playwright) {
    summary.passed += playwright.stats.expected + playwright.stats.flaky;
    summary.failed += playwright.stats.unexpected;
    summary.flaky.push(...flakySpecs(playwright.suites));
  }
  return summary;
}

/** One line per test that passed only on a retry, then the closing `tests: N passed, N failed` line. */
export function summaryLines({ passed, failed, flaky }: TestSummary): string[] {
  return [...flaky.map((name) => `passed only on retry: ${name}`), `tests: ${passed} passed, ${failed} failed`];
}
