import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { qualityChecksOf, slaSeconds } from "./check-definitions";

const EXAMPLES = path.resolve(import.meta.dirname, "../contracts/fixtures/odcs/examples");
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"));

/** Every quality rule and latency/freshness SLA a contract states, wherever it sits. */
function statedRules(contract: OdcsContract): number {
  let count = 0;
  const visit = (node: { quality?: unknown[]; properties?: unknown[] | null; items?: unknown }) => {
    count += node.quality?.length ?? 0;
    for (const child of node.properties ?? []) visit(child as never);
    if (node.items) visit(node.items as never);
  };
  for (const object of contract.schema ?? []) visit(object as never);
  return count + (contract.slaProperties ?? []).filter((s) => ["latency", "freshness"].includes(s.property)).length;
}

describe("every official ODCS example is understood", () => {
  for (const file of examples) {
    it(file, () => {
      const contract = YAML.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8")) as OdcsContract;
      for (const target of ["table", "stream"] as const) {
        const checks = qualityChecksOf(contract, contract.schema?.[0]?.physicalName ?? contract.schema?.[0]?.name, target);
        // Nothing the contract states is dropped, and whatever cannot run says why.
        expect(checks).toHaveLength(statedRules(contract));
        for (const check of checks) {
          expect(check.key).toBeTruthy();
          if (check.kind === "not_evaluated") expect(check.reason.length).toBeGreaterThan(10);
        }
        expect(new Set(checks.map((c) => c.key)).size).toBe(checks.length);
      }
    });
  }

  it("reads the examples' rules the way ODCS means them", () => {
    const read = (file: string, target: "table" | "stream" = "table") => {
      const contract = YAML.parse(fs.readFileSync(path.join(EXAMPLES, file), "utf8")) as OdcsContract;
      return qualityChecksOf(contract, contract.schema?.[0]?.physicalName ?? contract.schema?.[0]?.name, target);
    };
    expect(read("quality--column-completeness.odcs.yaml")[0]).toMatchObject({ kind: "library", metric: "nullValues", unit: "rows", threshold: { operator: "mustBe", value: 0 }, severity: "error", schedule: "0 20 * * *" });
    expect(read("quality--column-validity.odcs.yaml")[0]).toMatchObject({ kind: "library", metric: "invalidValues", unit: "percent", validValues: ["", "n/a"] });
    expect(read("quality--column-accuracy.odcs.yaml")[0]).toMatchObject({ kind: "sql", threshold: { operator: "mustBe", value: 0 } });
    expect(read("quality--column-accuracy.odcs.yaml", "stream")[0]).toMatchObject({ kind: "not_evaluated", reason: expect.stringMatching(/table/) });
    expect(read("quality--column-custom.odcs.yaml").every((c) => c.kind === "not_evaluated" && /engine/.test(c.reason))).toBe(true);
    const full = read("all--full-example.odcs.yaml");
    expect(full.find((c) => c.kind === "library" && c.metric === "rowCount")).toBeTruthy();
    expect(full.find((c) => c.kind === "freshness")).toMatchObject({ maxAgeSeconds: 4 * 86400, column: "txn_ref_dt" });
  });
});

describe("SLA durations", () => {
  it("reads the units ODCS examples use and refuses the rest", () => {
    expect(slaSeconds({ property: "latency", value: 4, unit: "d" })).toBe(345600);
    expect(slaSeconds({ property: "latency", value: 15, unit: "minutes" })).toBe(900);
    expect(slaSeconds({ property: "latency", value: "2", unit: "h" })).toBe(7200);
    expect(slaSeconds({ property: "latency", value: 3, unit: "parsecs" })).toBeNull();
    expect(slaSeconds({ property: "latency", value: -1, unit: "d" })).toBeNull();
  });
});
