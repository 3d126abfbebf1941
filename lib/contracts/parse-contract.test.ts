import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseContract } from "./parse-contract";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/odcs/examples");
const exampleFiles = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".odcs.yaml"));

const VALID = `apiVersion: v3.1.0
kind: DataContract
id: orders
name: Orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        required: true
      - name: amount
        logicalType: number
`;

function errorsOf(text: string, format?: "yaml" | "json") {
  const result = parseContract(text, format);
  if (result.ok) throw new Error("expected the contract to be rejected");
  return result.errors;
}

describe("parseContract", () => {
  it("finds the official examples", () => {
    expect(exampleFiles.length).toBeGreaterThan(10);
  });

  it.each(exampleFiles)("accepts the official example %s", (file) => {
    const result = parseContract(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("returns the contract and keeps YAML text as given", () => {
    const result = parseContract(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.contract.schema?.[0].properties?.[1]).toEqual({ name: "amount", logicalType: "number" });
    expect(result.yaml).toBe(VALID);
  });

  it("reads JSON and gives its YAML form", () => {
    const json = JSON.stringify({ apiVersion: "v3.1.0", kind: "DataContract", id: "x", version: "1.0.0", status: "draft" });
    const result = parseContract(json, "json");
    expect(result.ok && result.yaml).toContain("apiVersion: v3.1.0");
  });

  it("reports YAML syntax errors with their position", () => {
    const errors = errorsOf("apiVersion: v3.1.0\nkind: DataContract\nschema:\n  - name: [unclosed\n");
    expect(errors[0].message).toMatch(/^YAML syntax error/);
    expect(errors[0].line).toBeGreaterThanOrEqual(4);
  });

  it("reports a duplicate key as a syntax error on its line", () => {
    const errors = errorsOf(VALID.replace("status: active\n", "status: active\nstatus: draft\n"));
    expect(errors[0]).toMatchObject({ line: 7 });
    expect(errors[0].message).toMatch(/unique/i);
  });

  it("reports JSON syntax errors", () => {
    expect(errorsOf('{"apiVersion": "v3.1.0",', "json")[0].message).toMatch(/^JSON syntax error/);
  });

  it("rejects a document that is not a mapping", () => {
    expect(errorsOf("- just\n- a list\n")[0]).toMatchObject({ path: "", line: 1 });
  });

  it("names the allowed values of a wrong logicalType, at the value", () => {
    const errors = errorsOf(VALID.replace("logicalType: number", "logicalType: decimal"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: "schema[0].properties[1].logicalType", line: 14, column: 22 });
    expect(errors[0].message).toContain('"decimal" is not allowed');
    expect(errors[0].message).toContain('"integer"');
  });

  it("names a missing required field, at its parent", () => {
    const errors = errorsOf(VALID.replace("  - name: orders\n", "  - physicalName: orders\n"));
    expect(errors).toEqual([{ path: "schema[0].name", message: 'required field "name" is missing', line: 8, column: 5 }]);
  });

  it("requires a version", () => {
    expect(errorsOf(VALID.replace("version: 1.0.0\n", ""))).toEqual([{ path: "version", message: 'required field "version" is missing', line: 1, column: 1 }]);
  });

  it("names a missing top-level field", () => {
    const errors = errorsOf(VALID.replace("id: orders\n", ""));
    expect(errors).toEqual([{ path: "id", message: 'required field "id" is missing', line: 1, column: 1 }]);
  });

  it("rejects duplicate property names within one object", () => {
    const errors = errorsOf(VALID.replace("- name: amount", "- name: order_id"));
    expect(errors).toEqual([
      { path: "schema[0].properties[1].name", message: 'duplicate property name "order_id" (first used at schema[0].properties[0])', line: 13, column: 15 },
    ]);
  });

  it("rejects duplicate names inside nested objects", () => {
    const nested = `${VALID}      - name: customer
        logicalType: object
        properties:
          - name: id
          - name: id
`;
    expect(errorsOf(nested)).toMatchObject([{ path: "schema[0].properties[2].properties[1].name", line: 19 }]);
  });

  it("requires a semantic version", () => {
    expect(errorsOf(VALID.replace("version: 1.0.0", "version: v1"))).toEqual([
      { path: "version", message: '"v1" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)', line: 5, column: 10 },
    ]);
  });

  it("reports a version written as a number", () => {
    expect(errorsOf(VALID.replace("version: 1.0.0", "version: 1.0"))).toMatchObject([{ path: "version", message: "must be a string (got 1)", line: 5 }]);
  });

  it("points an unknown field at its key", () => {
    const errors = errorsOf(VALID.replace("        required: true\n", "        required: true\n        nullable: false\n"));
    expect(errors).toEqual([{ path: "schema[0].properties[0].nullable", message: 'unknown field "nullable"', line: 13, column: 9 }]);
  });

  it("gives one precise error for a bad team member, not every oneOf branch", () => {
    const errors = errorsOf(`${VALID}team:\n  name: core\n  members:\n    - role: owner\n`);
    expect(errors).toEqual([{ path: "team.members[0].username", message: 'required field "username" is missing', line: 18, column: 7 }]);
  });

  it("reports a wrong shape for a oneOf field once", () => {
    const errors = errorsOf(`${VALID}team: core\n`);
    expect(errors).toEqual([{ path: "team", message: 'must be an object or a list (got "core")', line: 15, column: 7 }]);
  });

  it("reports several errors in source order", () => {
    const broken = VALID.replace("version: 1.0.0", "version: one").replace("logicalType: string", "logicalType: text");
    expect(errorsOf(broken).map((e) => e.path)).toEqual(["version", "schema[0].properties[0].logicalType"]);
  });

  it("explains a bad quality rule dimension", () => {
    const errors = errorsOf(VALID.replace("        logicalType: number\n", "        logicalType: number\n        quality:\n          - metric: nullValues\n            mustBe: 0\n            dimension: correctness\n"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: "schema[0].properties[1].quality[0].dimension", line: 18 });
    expect(errors[0].message).toContain('"completeness"');
  });
});
