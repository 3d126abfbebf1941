import { describe, expect, it } from "vitest";
import { validateSchema } from "@/lib/registry/validate-schema";
import { checkCompatibility, type CompatibilityMode } from "./check-compatibility";

// Cases from the Avro specification ("Schema Resolution") as Confluent applies it through Avro's
// SchemaCompatibility: named types match on their unqualified names, a writer union is readable when
// each branch is, and an empty union is a schema with no values.
const record = (name: string, namespace: string | undefined, fields: unknown[]) => ({ type: "record", name, ...(namespace ? { namespace } : {}), fields });
const node = (valueType: string, more: unknown[] = []) => ({ type: "record", name: "Node", namespace: "graph", fields: [{ name: "value", type: valueType }, { name: "next", type: ["null", "Node"], default: null }, ...more] });

type Row = [name: string, previous: unknown, next: unknown, mode: CompatibilityMode, compatible: boolean];
const ROWS: Row[] = [
  ["empty union after empty union", [], [], "FULL", true],
  ["a schema after the empty union (nothing was written)", [], "string", "BACKWARD", true],
  ["the empty union after a schema (cannot read what was written)", "string", [], "BACKWARD", false],
  ["the empty union after a schema, forward (nothing new is written)", "string", [], "FORWARD", true],
  ["a record's namespace changes", record("Order", "a", [{ name: "id", type: "string" }]), record("Order", "b", [{ name: "id", type: "string" }]), "FULL", true],
  ["a record in a union changes namespace", ["null", record("Order", "a", [{ name: "id", type: "string" }])], ["null", record("Order", "b", [{ name: "id", type: "string" }])], "FULL", true],
  ["a record in a field's union loses its namespace", record("Outer", "x", [{ name: "o", type: ["null", record("Order", "a", [{ name: "id", type: "string" }])] }]), record("Outer", "x", [{ name: "o", type: ["null", record("Order", undefined, [{ name: "id", type: "string" }])] }]), "FULL", true],
  ["a record in a union is renamed", ["null", record("Order", "a", [{ name: "id", type: "string" }])], ["null", record("Purchase", "a", [{ name: "id", type: "string" }])], "BACKWARD", false],
  ["an enum in a union changes namespace", ["null", { type: "enum", name: "Color", namespace: "a", symbols: ["RED"] }], ["null", { type: "enum", name: "Color", namespace: "b", symbols: ["RED"] }], "FULL", true],
  ["a recursive record, unchanged", node("int"), node("int"), "FULL_TRANSITIVE", true],
  ["a recursive record changes a field's type", node("int"), node("string"), "BACKWARD", false],
  ["a recursive record widens a field", node("int"), node("long"), "BACKWARD", true],
  ["a recursive record widens a field, forward", node("int"), node("long"), "FORWARD", false],
  ["a recursive record adds a field without a default", node("int"), node("int", [{ name: "w", type: "int" }]), "BACKWARD", false],
  ["a recursive record adds a field with a default", node("int"), node("int", [{ name: "w", type: "int", default: 0 }]), "FULL", true],
];

describe("Avro compatibility edge cases", () => {
  it.each(ROWS.map(([name, previous, next, mode, compatible]) => ({ name, previous, next, mode, compatible })))("$name under $mode → compatible: $compatible", ({ previous, next, mode, compatible }) => {
    const verdict = checkCompatibility({ schemaType: "AVRO", newSchema: next, previousSchemas: [previous], mode });
    expect(verdict.compatible, verdict.messages.join("; ")).toBe(compatible);
    if (!compatible) expect(verdict.messages.length).toBeGreaterThan(0);
  });

  it.each([
    { name: "the empty union", schema: [] },
    { name: "a field typed with the empty union", schema: record("R", "x", [{ name: "never", type: [] }]) },
    { name: "a recursive record", schema: node("int") },
  ])("accepts $name as a valid schema", ({ schema }) => {
    expect(() => validateSchema("AVRO", JSON.stringify(schema))).not.toThrow();
  });
});
