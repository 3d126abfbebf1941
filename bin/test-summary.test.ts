import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { summarizeReports, summaryLines } from "./test-summary";

// Reports shaped as Vitest's JSON reporter and Playwright's JSON reporter write them.
const vitestReport = {
  numPassedTests: 3,
  numFailedTests: 1,
  testResults: [
    {
      name: "/repo/lib/a.test.ts",
      assertionResults: [
        { fullName: "a passes", status: "passed", failureMessages: [] },
        // A passed test that still carries an earlier attempt's error passed on a retry.
        { fullName: "a passes on retry", status: "passed", failureMessages: ["AssertionError: expected 1 to be 2"] },
        { fullName: "a fails", status: "failed", failureMessages: ["AssertionError"] },
      ],
    },
    { name: "/repo/lib/b.test.ts", assertionResults: [{ fullName: "b passes", status: "passed", failureMessages: [] }] },
  ],
};

const playwrightReport = {
  stats: { expected: 2, unexpected: 0, flaky: 1, skipped: 0 },
  suites: [
    {
      title: "contracts.spec.ts",
      file: "contracts.spec.ts",
      specs: [
        { title: "an owner publishes contract versions", file: "contracts.spec.ts", tests: [{ status: "flaky", results: [{ status: "failed", retry: 0 }, { status: "passed", retry: 1 }] }] },
        { title: "outsiders cannot publish", file: "contracts.spec.ts", tests: [{ status: "expected", results: [{ status: "passed", retry: 0 }] }] },
      ],
      suites: [{ title: "nested", file: "contracts.spec.ts", specs: [{ title: "deep", file: "contracts.spec.ts", tests: [{ status: "expected", results: [{ status: "passed", retry: 0 }] }] }] }],
    },
  ],
};

function reports(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "meshwork-reports-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), JSON.stringify(content));
  return dir;
}

describe("the closing summary of npm test", () => {
  it("counts both runners and names every test that passed only on a retry", () => {
    const summary = summarizeReports(reports({ "vitest.json": vitestReport, "playwright.json": playwrightReport }), "/repo");

    expect(summary).toEqual({
      passed: 6,
      failed: 1,
      flaky: ["lib/a.test.ts › a passes on retry", "e2e/contracts.spec.ts › an owner publishes contract versions"],
    });
    expect(summaryLines(summary)).toEqual([
      "passed only on retry: lib/a.test.ts › a passes on retry",
      "passed only on retry: e2e/contracts.spec.ts › an owner publishes contract versions",
      "tests: 6 passed, 1 failed",
    ]);
  });

  it("keeps the closing line alone when nothing was flaky, and copes with missing reports", () => {
    expect(summaryLines(summarizeReports(reports({})))).toEqual(["tests: 0 passed, 0 failed"]);
  });
});
