import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { OdcsContract } from "./contract-types";
import { exportContract } from "./export-contract";
import { parseContract } from "./parse-contract";
import { validateOdcsSchema } from "./validate-odcs-schema";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/odcs/examples");
const exampleFiles = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".odcs.yaml"));

function importExample(file: string): OdcsContract {
  const result = parseContract(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.contract;
}

describe("exportContract", () => {
  it.each(exampleFiles)("round-trips %s", (file) => {
    const contract = importExample(file);
    const exported = exportContract(contract);
    const again = parseContract(exported);
    expect(again.ok ? again.contract : again.errors).toEqual(contract);
    expect(validateOdcsSchema(parse(exported))).toEqual([]);
  });

  it("writes the well-known keys first, in a stable order", () => {
    const contract = importExample("all--full-example.odcs.yaml");
    const topKeys = exportContract(contract).split("\n").filter((line) => /^[A-Za-z]/.test(line)).map((line) => line.split(":")[0]);
    expect(topKeys.slice(0, 10)).toEqual(["apiVersion", "kind", "id", "version", "status", "domain", "dataProduct", "tenant", "description", "schema"]);
  });

  it("orders property keys with the name first", () => {
    const contract: OdcsContract = {
      status: "draft", version: "1.0.0", id: "x", kind: "DataContract", apiVersion: "v3.1.0",
      schema: [{ properties: [{ logicalType: "string", name: "a", required: true }], name: "t" }],
    };
    expect(exportContract(contract)).toBe(
      "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: string\n        required: true\n",
    );
  });

  it("quotes strings that YAML 1.1 readers would turn into dates or booleans", () => {
    const contract: OdcsContract = { apiVersion: "v3.1.0", kind: "DataContract", id: "x", version: "1.0.0", status: "yes", contractCreatedTs: "2022-11-15" };
    const exported = exportContract(contract);
    expect(exported).toContain('status: "yes"');
    expect(exported).toContain('contractCreatedTs: "2022-11-15"');
  });
});
