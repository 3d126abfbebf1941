import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["lib", "e2e", "bench", "bin", "workers", "prisma"];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

// A plain clone must pass its own tests: nothing may read fixtures from the workspace folder beside the repo.
describe("the repository stands on its own", () => {
  it("no source or test file reads the workspace fixtures", () => {
    const offenders = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /\.\.\/shared\b|shared\/fixtures/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it("the copied ODCS examples carry their licence", () => {
    const fixtures = path.join(ROOT, "lib/contracts/fixtures/odcs");
    expect(fs.readFileSync(path.join(fixtures, "LICENSE"), "utf8")).toContain("Apache License");
    expect(fs.readdirSync(path.join(fixtures, "examples")).filter((f) => f.endsWith(".odcs.yaml")).length).toBeGreaterThan(10);
  });
});
