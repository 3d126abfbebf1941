import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { OdcsContract, SchemaProperty } from "./contract-types";
import { diffContracts } from "./diff-contracts";
import { parseContract } from "./parse-contract";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/odcs/examples");

const contract = (properties: SchemaProperty[], extra: Partial<OdcsContract> = {}): OdcsContract => ({
  apiVersion: "v3.1.0", kind: "DataContract", id: "orders", version: "1.0.0", status: "active",
  schema: [{ name: "orders", properties }],
  ...extra,
});

const base: SchemaProperty[] = [
  { name: "order_id", logicalType: "string", physicalType: "varchar(36)", required: true, unique: true, primaryKey: true, classification: "internal" },
  { name: "amount", logicalType: "number", physicalType: "decimal(10,2)", required: true, description: "Order total" },
  { name: "note", logicalType: "string" },
];

const withProperty = (index: number, patch: Partial<SchemaProperty>) => base.map((p, i) => (i === index ? { ...p, ...patch } : p));

describe("diffContracts", () => {
  it("finds nothing between identical contracts", () => {
    expect(diffContracts(contract(base), contract(structuredClone(base)))).toEqual([]);
  });

  it("finds nothing between an official example and itself", () => {
    const result = parseContract(fs.readFileSync(path.join(EXAMPLES, "all--full-example.odcs.yaml"), "utf8"));
    if (!result.ok) throw new Error("example must parse");
    expect(diffContracts(result.contract, structuredClone(result.contract))).toEqual([]);
  });

  it.each<[string, SchemaProperty[], Partial<ReturnType<typeof diffContracts>[number]>]>([
    ["a type change", withProperty(1, { logicalType: "string", physicalType: "decimal(10,2)" }), { kind: "type-changed", field: "amount", before: "number", after: "string", breaking: true, message: 'field "amount": type changed from number to string' }],
    ["a narrowed physical type", withProperty(1, { physicalType: "decimal(8,2)" }), { kind: "physical-type-changed", breaking: true, message: 'field "amount": physical type changed from decimal(10,2) to decimal(8,2)' }],
    ["a widened physical type", withProperty(0, { physicalType: "varchar(64)" }), { kind: "physical-type-changed", breaking: false, message: 'field "order_id": physical type changed from varchar(36) to varchar(64)' }],
    ["a field that may now be null", withProperty(1, { required: false }), { kind: "required-changed", before: true, after: false, breaking: true, message: 'field "amount": no longer required (it may now be null)' }],
    ["a field that became required", withProperty(2, { required: true }), { kind: "required-changed", before: false, after: true, breaking: false, message: 'field "note": now required' }],
    ["a field no longer unique", withProperty(0, { unique: false }), { kind: "unique-changed", breaking: true, message: 'field "order_id": no longer unique' }],
    ["a classification change", withProperty(0, { classification: "restricted" }), { kind: "classification-changed", before: "internal", after: "restricted", breaking: false, message: 'field "order_id": classification changed from internal to restricted' }],
    ["a description change", withProperty(1, { description: "Total with tax" }), { kind: "description-changed", before: "Order total", after: "Total with tax", breaking: false, message: 'field "amount": description changed' }],
  ])("reports %s", (_, after, expected) => {
    const changes = diffContracts(contract(base), contract(after));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject(expected);
  });

  it("reports added and removed fields with their paths", () => {
    const after = [base[0], base[2], { name: "currency", logicalType: "string", required: true } as SchemaProperty];
    const changes = diffContracts(contract(base), contract(after));
    expect(changes).toEqual([
      { kind: "field-removed", path: "schema[0].properties[1]", field: "amount", before: "amount", breaking: true, message: 'field "amount" removed' },
      { kind: "field-added", path: "schema[0].properties[2]", field: "currency", after: "currency", breaking: false, message: 'field "currency" added (required)' },
    ]);
  });

  it("detects a rename by ODCS id", () => {
    const before = [{ ...base[1], id: "amount_prop" }];
    const after = [{ ...base[1], id: "amount_prop", name: "total", logicalType: "string" as const }];
    expect(diffContracts(contract(before), contract(after)).map((c) => c.message)).toEqual(['field "amount" renamed to "total"', 'field "total": type changed from number to string']);
  });

  it("detects a rename by same position and types", () => {
    const changes = diffContracts(contract(base), contract(withProperty(2, { name: "comment" })));
    expect(changes).toEqual([{ kind: "field-renamed", path: "schema[0].properties[2]", field: "comment", before: "note", after: "comment", breaking: true, message: 'field "note" renamed to "comment"' }]);
  });

  it("does not guess a rename when the position or type differs", () => {
    const changes = diffContracts(contract(base), contract(withProperty(2, { name: "flag", logicalType: "boolean" })));
    expect(changes.map((c) => c.kind)).toEqual(["field-removed", "field-added"]);
  });

  it("recurses into nested objects and array items", () => {
    const nested = (zipType: "string" | "integer", tagType: "string" | "integer"): SchemaProperty[] => [
      { name: "customer", logicalType: "object", properties: [{ name: "address", logicalType: "object", properties: [{ name: "zip", logicalType: zipType }] }] },
      { name: "tags", logicalType: "array", items: { logicalType: tagType } },
    ];
    expect(diffContracts(contract(nested("string", "string")), contract(nested("integer", "integer")))).toMatchObject([
      { path: "schema[0].properties[0].properties[0].properties[0]", field: "customer.address.zip", message: 'field "customer.address.zip": type changed from string to integer' },
      { path: "schema[0].properties[1].items", field: "tags[]", message: 'field "tags[]": type changed from string to integer' },
    ]);
  });

  it("qualifies field names with the object when the contract has several", () => {
    const two = (type: "number" | "string"): OdcsContract => ({ ...contract([]), schema: [{ name: "orders", properties: [{ name: "amount", logicalType: type }] }, { name: "lines", properties: [] }] });
    expect(diffContracts(two("number"), two("string"))[0].message).toBe('field "orders.amount": type changed from number to string');
  });

  it("reports schema objects added and removed", () => {
    const before: OdcsContract = { ...contract(base), schema: [{ name: "orders", properties: base }, { name: "legacy" }] };
    const after: OdcsContract = { ...contract(base), schema: [{ name: "orders", properties: base }, { name: "refunds" }] };
    expect(diffContracts(before, after)).toMatchObject([
      { kind: "object-added", path: "schema[1]", breaking: false, message: 'schema object "refunds" added' },
      { kind: "object-removed", path: "schema[1]", breaking: true, message: 'schema object "legacy" removed' },
    ]);
  });

  it("reports quality rules added, removed and changed", () => {
    const before = contract(withProperty(1, { quality: [{ metric: "nullValues", mustBe: 0 }, { metric: "invalidValues", mustBeLessThan: 5 }] }));
    const after = contract(withProperty(1, { quality: [{ metric: "nullValues", mustBe: 1 }, { type: "sql", name: "positive", query: "select count(*) from orders where amount < 0", mustBe: 0 }] }));
    before.schema![0].quality = [{ metric: "rowCount", mustBeGreaterThan: 0 }];
    expect(diffContracts(before, after).map((c) => [c.kind, c.path, c.message, c.breaking])).toEqual([
      ["quality-changed", "schema[0].properties[1].quality[0]", 'field "amount": quality rule "nullValues" changed', false],
      ["quality-added", "schema[0].properties[1].quality[1]", 'field "amount": quality rule "positive" added', false],
      ["quality-removed", "schema[0].properties[1].quality[1]", 'field "amount": quality rule "invalidValues" removed', false],
      ["quality-removed", "schema[0].quality[0]", 'schema object "orders": quality rule "rowCount" removed', false],
    ]);
  });

  it("reports SLA properties added, removed and changed", () => {
    const before = contract(base, { slaProperties: [{ property: "latency", value: 4, unit: "d" }, { property: "retention", value: 3, unit: "y" }] });
    const after = contract(base, { slaProperties: [{ property: "latency", value: 1, unit: "d" }, { property: "frequency", value: 1, unit: "d" }] });
    expect(diffContracts(before, after).map((c) => c.message)).toEqual([
      'SLA "latency": changed from 4 d to 1 d',
      'SLA "frequency" added: 1 d',
      'SLA "retention" removed (was 3 y)',
    ]);
  });
});
