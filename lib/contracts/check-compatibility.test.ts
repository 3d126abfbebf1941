import { describe, expect, it } from "vitest";
import { checkCompatibility, type CompatibilityMode } from "./check-compatibility";

type Verdicts = { BACKWARD: true | string; FORWARD: true | string };
type Case = [name: string, previous: unknown, next: unknown, verdicts: Verdicts];

const MODES = ["BACKWARD", "FORWARD", "FULL"] as const;

/** One row per case and mode: true means compatible, a string is the reason expected among the messages. */
function rows(cases: Case[]) {
  return cases.flatMap(([name, previous, next, verdicts]) =>
    MODES.map((mode) => {
      const expected = mode === "FULL" ? [verdicts.BACKWARD, verdicts.FORWARD].filter((v): v is string => v !== true) : verdicts[mode] === true ? [] : [verdicts[mode] as string];
      return { name, mode, previous, next, compatible: expected.length === 0, expected };
    }),
  );
}

const record = (fields: unknown[], extra: Record<string, unknown> = {}) => ({ type: "record", name: "Order", namespace: "sales", fields, ...extra });
const id = { name: "id", type: "string" };
const amount = { name: "amount", type: "double" };
const status = (symbols: string[], extra: Record<string, unknown> = {}) => ({ name: "status", type: { type: "enum", name: "Status", symbols, ...extra } });
const customer = (ageType: string, more: unknown[] = []) => ({ name: "customer", type: { type: "record", name: "Customer", fields: [{ name: "age", type: ageType }, ...more] } });

const AVRO_CASES: Case[] = [
  ["add a field with a default", record([id, amount]), record([id, amount, { name: "note", type: ["null", "string"], default: null }]), { BACKWARD: true, FORWARD: true }],
  ["add a field without a default", record([id, amount]), record([id, amount, { name: "note", type: "string" }]), { BACKWARD: 'field "note" was added without a default', FORWARD: true }],
  ["remove a field that has a default", record([id, amount, { name: "note", type: "string", default: "" }]), record([id, amount]), { BACKWARD: true, FORWARD: true }],
  ["remove a field without a default", record([id, amount]), record([id]), { BACKWARD: true, FORWARD: 'field "amount" was removed, and the previous schema has no default for it' }],
  ["rename a field with an alias", record([id, amount]), record([id, { name: "total", type: "double", aliases: ["amount"] }]), { BACKWARD: true, FORWARD: 'field "amount" was renamed to "total"; readers of the previous schema do not know the new name and have no default for "amount"' }],
  ["rename a field without an alias", record([id, amount]), record([id, { name: "total", type: "double" }]), { BACKWARD: 'field "total" was added without a default', FORWARD: 'field "amount" was removed, and the previous schema has no default for it' }],
  ["widen int to long", record([{ name: "qty", type: "int" }]), record([{ name: "qty", type: "long" }]), { BACKWARD: true, FORWARD: 'field "qty": type widened from int to long; readers of the previous schema cannot read long' }],
  ["narrow long to int", record([{ name: "qty", type: "long" }]), record([{ name: "qty", type: "int" }]), { BACKWARD: 'field "qty": type narrowed from long to int', FORWARD: true }],
  ["change a field's type", record([id, amount]), record([id, { name: "amount", type: "string" }]), { BACKWARD: 'field "amount": type changed from double to string', FORWARD: 'field "amount": type changed from double to string' }],
  ["change an optional field's type", record([{ name: "amount", type: ["null", "double"], default: null }]), record([{ name: "amount", type: ["null", "string"], default: null }]), { BACKWARD: 'field "amount": type changed from double to string', FORWARD: 'field "amount": type changed from double to string' }],
  ["add an enum symbol", record([status(["NEW", "PAID"])]), record([status(["NEW", "PAID", "SHIPPED"])]), { BACKWARD: true, FORWARD: 'field "status": enum "Status": symbol "SHIPPED" was added, and the previous schema has no default symbol' }],
  ["add an enum symbol when the enum has a default", record([status(["NEW", "PAID"], { default: "NEW" })]), record([status(["NEW", "PAID", "SHIPPED"], { default: "NEW" })]), { BACKWARD: true, FORWARD: true }],
  ["remove an enum symbol", record([status(["NEW", "PAID"])]), record([status(["NEW"])]), { BACKWARD: 'field "status": enum "Status": symbol "PAID" was removed', FORWARD: true }],
  ["add a union branch", record([{ name: "ref", type: ["null", "string"] }]), record([{ name: "ref", type: ["null", "string", "long"] }]), { BACKWARD: true, FORWARD: 'field "ref": union branch long was added; readers of the previous schema cannot read it' }],
  ["remove a union branch", record([{ name: "ref", type: ["null", "string", "long"] }]), record([{ name: "ref", type: ["null", "string"] }]), { BACKWARD: 'field "ref": union branch long was removed', FORWARD: true }],
  ["make an optional field required", record([{ name: "note", type: ["null", "string"], default: null }]), record([{ name: "note", type: "string" }]), { BACKWARD: 'field "note": is no longer optional (null was removed)', FORWARD: true }],
  ["make a required field optional", record([{ name: "note", type: "string" }]), record([{ name: "note", type: ["null", "string"], default: null }]), { BACKWARD: true, FORWARD: 'field "note": became optional (null was added); readers of the previous schema cannot read null' }],
  ["change a nested record field's type", record([customer("int")]), record([customer("string")]), { BACKWARD: 'field "customer.age": type changed from int to string', FORWARD: 'field "customer.age": type changed from int to string' }],
  ["add a nested field without a default", record([customer("int")]), record([customer("int", [{ name: "vip", type: "boolean" }])]), { BACKWARD: 'field "customer.vip" was added without a default', FORWARD: true }],
  ["widen array items", record([{ name: "qtys", type: { type: "array", items: "int" } }]), record([{ name: "qtys", type: { type: "array", items: "long" } }]), { BACKWARD: true, FORWARD: 'field "qtys[]": type widened from int to long; readers of the previous schema cannot read long' }],
  ["rename the record with an alias", record([id]), record([id], { name: "Purchase", aliases: ["Order"] }), { BACKWARD: true, FORWARD: 'record renamed from "Order" to "Purchase" without an alias' }],
];

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", properties, ...extra });
const str = { type: "string" };
const num = { type: "number" };

// Confluent's strict rules (the default policy): see json-schema-compatibility.test.ts for the rules case by case.
const JSON_CASES: Case[] = [
  ["add a required property", object({ id: str }, { required: ["id"] }), object({ id: str, note: str }, { required: ["id", "note"] }), { BACKWARD: "#/properties/note: required property added to open content model (REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)", FORWARD: true }],
  ["make an optional property required", object({ id: str, note: str }), object({ id: str, note: str }, { required: ["note"] }), { BACKWARD: "#/required/note: required attribute added (REQUIRED_ATTRIBUTE_ADDED)", FORWARD: true }],
  ["remove a required property", object({ id: str, note: str }, { required: ["id", "note"] }), object({ id: str }, { required: ["id"] }), { BACKWARD: true, FORWARD: "#/properties/note: required property added to open content model (REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL, checked forward)" }],
  ["make a required property optional", object({ id: str }, { required: ["id"] }), object({ id: str }), { BACKWARD: true, FORWARD: "#/required/id: required attribute added (REQUIRED_ATTRIBUTE_ADDED, checked forward)" }],
  ["add an optional property to an open object", object({ id: str }), object({ id: str, note: str }), { BACKWARD: "#/properties/note: optional property added to open content model (OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)", FORWARD: true }],
  ["add an optional property to a closed object", object({ id: str }, { additionalProperties: false }), object({ id: str, note: str }, { additionalProperties: false }), { BACKWARD: true, FORWARD: "#/properties/note: property removed from closed content model (PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL, checked forward)" }],
  ["remove an optional property from a closed object", object({ id: str, note: str }, { additionalProperties: false }), object({ id: str }, { additionalProperties: false }), { BACKWARD: "#/properties/note: property removed from closed content model (PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL)", FORWARD: true }],
  ["change a property's type", object({ amount: num }), object({ amount: str }), { BACKWARD: "#/properties/amount: type changed (TYPE_CHANGED)", FORWARD: "#/properties/amount: type changed (TYPE_CHANGED, checked forward)" }],
  ["widen integer to number", object({ qty: { type: "integer" } }), object({ qty: num }), { BACKWARD: true, FORWARD: "#/properties/qty: type narrowed (TYPE_NARROWED, checked forward)" }],
  ["narrow number to integer", object({ qty: num }), object({ qty: { type: "integer" } }), { BACKWARD: "#/properties/qty: type narrowed (TYPE_NARROWED)", FORWARD: true }],
  ["narrow an enum", object({ status: { enum: ["NEW", "PAID"] } }), object({ status: { enum: ["NEW"] } }), { BACKWARD: "#/properties/status/enum: enum array narrowed (ENUM_ARRAY_NARROWED)", FORWARD: true }],
  ["widen an enum", object({ status: { enum: ["NEW"] } }), object({ status: { enum: ["NEW", "PAID"] } }), { BACKWARD: true, FORWARD: "#/properties/status/enum: enum array narrowed (ENUM_ARRAY_NARROWED, checked forward)" }],
  ["close additionalProperties", object({ id: str }, { additionalProperties: true }), object({ id: str }, { additionalProperties: false }), { BACKWARD: "#/additionalProperties: additional properties removed (ADDITIONAL_PROPERTIES_REMOVED)", FORWARD: true }],
  ["open additionalProperties", object({ id: str }, { additionalProperties: false }), object({ id: str }, { additionalProperties: true }), { BACKWARD: true, FORWARD: "#/additionalProperties: additional properties removed (ADDITIONAL_PROPERTIES_REMOVED, checked forward)" }],
  ["tighten maxLength", object({ id: { type: "string", maxLength: 100 } }), object({ id: { type: "string", maxLength: 50 } }), { BACKWARD: "#/properties/id/maxLength: max length decreased (MAX_LENGTH_DECREASED)", FORWARD: true }],
  ["accept null", object({ id: str }), object({ id: { type: ["string", "null"] } }), { BACKWARD: true, FORWARD: "#/properties/id: type changed (TYPE_CHANGED, checked forward)" }],
  ["change a nested property's type", object({ customer: object({ age: { type: "integer" } }) }), object({ customer: object({ age: str }) }), { BACKWARD: "#/properties/customer/properties/age: type changed (TYPE_CHANGED)", FORWARD: "#/properties/customer/properties/age: type changed (TYPE_CHANGED, checked forward)" }],
  ["change array items", object({ tags: { type: "array", items: str } }), object({ tags: { type: "array", items: { type: "integer" } } }), { BACKWARD: "#/properties/tags/items: type changed (TYPE_CHANGED)", FORWARD: "#/properties/tags/items: type changed (TYPE_CHANGED, checked forward)" }],
  ["add an anyOf alternative", object({ ref: str }), object({ ref: { anyOf: [str, { type: "integer" }] } }), { BACKWARD: true, FORWARD: "#/properties/ref: type changed (TYPE_CHANGED, checked forward)" }],
  ["follow local $refs", { $defs: { Id: str }, ...object({ id: { $ref: "#/$defs/Id" } }) }, { $defs: { Id: num }, ...object({ id: { $ref: "#/$defs/Id" } }) }, { BACKWARD: "#/properties/id: type changed (TYPE_CHANGED)", FORWARD: "#/properties/id: type changed (TYPE_CHANGED, checked forward)" }],
];

describe.each([
  ["AVRO", AVRO_CASES],
  ["JSON", JSON_CASES],
] as const)("checkCompatibility of %s schemas", (schemaType, cases) => {
  it.each(rows(cases))("$name under $mode → compatible: $compatible", ({ mode, previous, next, compatible, expected }) => {
    const verdict = checkCompatibility({ schemaType, newSchema: next, previousSchemas: [previous], mode });
    expect(verdict.compatible).toBe(compatible);
    for (const message of expected) expect(verdict.messages).toContain(message);
    if (compatible) expect(verdict.messages).toEqual([]);
  });
});

describe("checkCompatibility modes", () => {
  const v1 = record([id]);
  const v2 = record([id, { name: "note", type: "string", default: "" }]);
  const v3 = record([id, { name: "note", type: "string" }]);

  it.each<[CompatibilityMode, boolean]>([
    ["BACKWARD", true],
    ["BACKWARD_TRANSITIVE", false],
    ["FORWARD", true],
    ["FORWARD_TRANSITIVE", true],
    ["FULL", true],
    ["FULL_TRANSITIVE", false],
    ["NONE", true],
  ])("dropping a default that older data needed, under %s → compatible: %s", (mode, compatible) => {
    const verdict = checkCompatibility({ schemaType: "AVRO", newSchema: v3, previousSchemas: [v1, v2], mode });
    expect(verdict.compatible).toBe(compatible);
    if (!compatible) expect(verdict.messages).toEqual(['against previous schema 1 of 2: field "note" was added without a default']);
  });

  it("accepts anything when there is no previous schema", () => {
    expect(checkCompatibility({ schemaType: "JSON", newSchema: { type: "string" }, previousSchemas: [], mode: "FULL_TRANSITIVE" })).toEqual({ compatible: true, messages: [] });
  });

  it("reports an invalid Avro schema", () => {
    const verdict = checkCompatibility({ schemaType: "AVRO", newSchema: { type: "record", name: "X" }, previousSchemas: [v1], mode: "BACKWARD" });
    expect(verdict.compatible).toBe(false);
    expect(verdict.messages[0]).toMatch(/^the new schema is not valid Avro/);
  });

  it("reports each transitive failure against the schema it fails", () => {
    const verdict = checkCompatibility({ schemaType: "JSON", newSchema: object({ id: num }), previousSchemas: [object({ id: str }), object({ id: str })], mode: "BACKWARD_TRANSITIVE" });
    expect(verdict.messages).toEqual(["against previous schema 1 of 2: #/properties/id: type changed (TYPE_CHANGED)", "against previous schema 2 of 2: #/properties/id: type changed (TYPE_CHANGED)"]);
  });
});
