import { describe, expect, it } from "vitest";
import { validateSchema } from "@/lib/registry/validate-schema";
import { checkCompatibility, type CompatibilityMode } from "./check-compatibility";
import type { JsonSchemaPolicy } from "./json-schema-compatibility";
import { diffJsonSchemas } from "./json-schema-diff";

// Confluent's JSON Schema compatibility, case by case, written from its SchemaDiff (json-schema-provider,
// io.confluent.kafka.schemaregistry.json.diff): a change from the previous schema to the new one is BACKWARD
// compatible when every difference SchemaDiff finds is in COMPATIBLE_CHANGES. FORWARD is the same check with the
// two schemas swapped. `lenient` is Meshwork's contract policy: strict plus adding an optional property to an
// open object (OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL), which contracts' generated schemas rely on.

type Row = { name: string; previous: unknown; next: unknown; backward: boolean; lenient?: boolean };

const str = { type: "string" };
const num = { type: "number" };
const int = { type: "integer" };
const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", properties, ...extra });
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => obj(properties, { additionalProperties: false, ...extra });

const ROWS: Row[] = [
  { name: "anything can become the empty schema", previous: obj({ a: str }), next: {}, backward: true },
  { name: "title, description and $id may change", previous: { title: "a", description: "a", $id: "urn:a", ...str }, next: { title: "b", description: "b", $id: "urn:b", ...str }, backward: true },
  { name: "string → integer", previous: str, next: int, backward: false },
  { name: "integer → number (TYPE_EXTENDED)", previous: int, next: num, backward: true },
  { name: "number → integer (TYPE_NARROWED)", previous: num, next: int, backward: false },
  { name: "object → array", previous: { type: "object" }, next: { type: "array" }, backward: false },
  { name: "minLength decreased", previous: { ...str, minLength: 11 }, next: { ...str, minLength: 10 }, backward: true },
  { name: "minLength increased", previous: { ...str, minLength: 10 }, next: { ...str, minLength: 11 }, backward: false },
  { name: "maxLength increased", previous: { ...str, maxLength: 10 }, next: { ...str, maxLength: 12 }, backward: true },
  { name: "maxLength decreased", previous: { ...str, maxLength: 12 }, next: { ...str, maxLength: 10 }, backward: false },
  { name: "maxLength added", previous: str, next: { ...str, maxLength: 10 }, backward: false },
  { name: "pattern removed", previous: { ...str, pattern: "^a" }, next: str, backward: true },
  { name: "pattern added", previous: str, next: { ...str, pattern: "^a" }, backward: false },
  { name: "pattern changed", previous: { ...str, pattern: "^a" }, next: { ...str, pattern: "^b" }, backward: false },
  { name: "maximum increased", previous: { ...num, maximum: 10 }, next: { ...num, maximum: 11 }, backward: true },
  { name: "maximum decreased", previous: { ...num, maximum: 11 }, next: { ...num, maximum: 10 }, backward: false },
  { name: "minimum removed", previous: { ...num, minimum: 10 }, next: num, backward: true },
  { name: "minimum added", previous: num, next: { ...num, minimum: 10 }, backward: false },
  { name: "exclusiveMinimum decreased", previous: { ...num, exclusiveMinimum: 5 }, next: { ...num, exclusiveMinimum: 1 }, backward: true },
  { name: "exclusiveMaximum decreased", previous: { ...num, exclusiveMaximum: 5 }, next: { ...num, exclusiveMaximum: 1 }, backward: false },
  { name: "multipleOf narrowed to a divisor (10 → 2)", previous: { ...num, multipleOf: 10 }, next: { ...num, multipleOf: 2 }, backward: true },
  { name: "multipleOf expanded to a multiple (2 → 10)", previous: { ...num, multipleOf: 2 }, next: { ...num, multipleOf: 10 }, backward: false },
  { name: "multipleOf changed (10 → 3)", previous: { ...num, multipleOf: 10 }, next: { ...num, multipleOf: 3 }, backward: false },
  { name: "multipleOf removed", previous: { ...num, multipleOf: 10 }, next: num, backward: true },
  { name: "multipleOf added", previous: num, next: { ...num, multipleOf: 10 }, backward: false },
  { name: "not narrowed (not number → not integer)", previous: { not: num }, next: { not: int }, backward: true },
  { name: "not extended (not integer → not number)", previous: { not: int }, next: { not: num }, backward: false },
  { name: "enum extended", previous: { enum: ["red"] }, next: { enum: ["red", "blue"] }, backward: true },
  { name: "enum narrowed", previous: { enum: ["red", "blue"] }, next: { enum: ["red"] }, backward: false },
  { name: "enum changed", previous: { enum: ["red"] }, next: { enum: ["blue"] }, backward: false },
  { name: "const changed", previous: { const: 1 }, next: { const: 2 }, backward: false },
  { name: "enum removed from a string", previous: { ...str, enum: ["red"] }, next: str, backward: true },
  { name: "enum added to a string", previous: str, next: { ...str, enum: ["red"] }, backward: false },
  { name: "type list extended", previous: { type: ["object"] }, next: { type: ["object", "array"] }, backward: true },
  { name: "type list narrowed", previous: { type: ["string", "null"] }, next: str, backward: false },
  { name: "a type becomes nullable", previous: str, next: { type: ["string", "null"] }, backward: true },
  { name: "oneOf gains an alternative", previous: { oneOf: [str] }, next: { oneOf: [num, str] }, backward: true },
  { name: "oneOf's only alternative changes", previous: { oneOf: [str] }, next: { oneOf: [num] }, backward: false },
  { name: "anyOf loses an alternative", previous: { anyOf: [str, num] }, next: { anyOf: [str] }, backward: false },
  { name: "oneOf → anyOf", previous: { oneOf: [str, num] }, next: { anyOf: [str, num] }, backward: true },
  { name: "anyOf → oneOf", previous: { anyOf: [str, num] }, next: { oneOf: [str, num] }, backward: false },
  { name: "allOf gains a part", previous: { allOf: [obj({ a: str })] }, next: { allOf: [obj({ a: str }), { required: ["a"] }] }, backward: false },
  { name: "contradictory allOf becomes one of its parts", previous: { allOf: [str, int] }, next: str, backward: true },
  { name: "contradictory allOf becomes something else", previous: { allOf: [str, int] }, next: { type: "boolean" }, backward: false },
  { name: "property added to an open object", previous: obj({ a: str }), next: obj({ a: str, b: str }), backward: false, lenient: true },
  { name: "required property added to an open object", previous: obj({ a: str }), next: obj({ a: str, b: str }, { required: ["b"] }), backward: false, lenient: false },
  { name: "property with the empty schema added to an open object", previous: obj({ a: str }), next: obj({ a: str, b: {} }), backward: true },
  { name: "property removed from an open object", previous: obj({ a: str, b: str }), next: obj({ a: str }), backward: true },
  { name: "optional property added to a closed object", previous: closed({ a: str }), next: closed({ a: str, b: num }), backward: true },
  { name: "required property added to a closed object", previous: closed({ a: str }), next: closed({ a: str, b: num }, { required: ["b"] }), backward: false },
  { name: "required property with a default added to a closed object", previous: closed({ a: str }), next: closed({ a: str, b: { ...num, default: 0 } }, { required: ["b"] }), backward: true },
  { name: "property removed from a closed object", previous: closed({ a: str, b: str }), next: closed({ a: str }), backward: false, lenient: false },
  { name: "property typed false removed from a closed object", previous: closed({ a: str, b: false }), next: closed({ a: str }), backward: true },
  { name: "property made required", previous: obj({ a: str }), next: obj({ a: str }, { required: ["a"] }), backward: false },
  { name: "property made required, with a default", previous: obj({ a: str }), next: obj({ a: { ...str, default: "" } }, { required: ["a"] }), backward: true },
  { name: "property no longer required", previous: obj({ a: str }, { required: ["a"] }), next: obj({ a: str }), backward: true },
  { name: "required names a property that is not declared", previous: obj({ a: str }), next: obj({ a: str }, { required: ["x"] }), backward: true },
  { name: "property type changed", previous: obj({ a: str }), next: obj({ a: num }), backward: false },
  { name: "nested property type changed", previous: obj({ o: obj({ x: int }) }), next: obj({ o: obj({ x: str }) }), backward: false },
  { name: "additionalProperties opened", previous: closed({ a: str }), next: obj({ a: str }, { additionalProperties: true }), backward: true },
  { name: "additionalProperties closed", previous: obj({ a: str }), next: closed({ a: str }), backward: false },
  { name: "additionalProperties given a schema", previous: obj({ a: str }), next: obj({ a: str }, { additionalProperties: str }), backward: false },
  { name: "additionalProperties schema dropped", previous: obj({ a: str }, { additionalProperties: str }), next: obj({ a: str }), backward: true },
  { name: "additionalProperties schema changed", previous: obj({}, { additionalProperties: str }), next: obj({}, { additionalProperties: num }), backward: false },
  { name: "property added, covered by a patternProperties schema it widens", previous: closed({ a: str }, { patternProperties: { "^I_": int } }), next: closed({ a: str, I_1: num }, { patternProperties: { "^I_": int } }), backward: true },
  { name: "property added, not covered by patternProperties", previous: closed({ a: str }, { patternProperties: { "^I_": int } }), next: closed({ a: str, I_1: str }, { patternProperties: { "^I_": int } }), backward: false },
  { name: "property removed, covered by the new patternProperties", previous: closed({ a: str, I_1: int }), next: closed({ a: str }, { patternProperties: { "^I_": num } }), backward: true },
  { name: "property added, covered by additionalProperties", previous: obj({ a: str }, { additionalProperties: str }), next: obj({ a: str, b: str }, { additionalProperties: str }), backward: true },
  { name: "propertyNames changed (not compared)", previous: obj({}, { propertyNames: { maxLength: 5 } }), next: obj({}, { propertyNames: { maxLength: 3 } }), backward: true },
  { name: "dependencies array removed", previous: obj({ a: str, b: str }, { dependencies: { a: ["b"] } }), next: obj({ a: str, b: str }), backward: true },
  { name: "dependencies array added", previous: obj({ a: str, b: str }), next: obj({ a: str, b: str }, { dependencies: { a: ["b"] } }), backward: false },
  { name: "dependencies array narrowed", previous: obj({ a: str }, { dependencies: { a: ["b", "c"] } }), next: obj({ a: str }, { dependencies: { a: ["b"] } }), backward: true },
  { name: "dependencies array extended", previous: obj({ a: str }, { dependencies: { a: ["b"] } }), next: obj({ a: str }, { dependencies: { a: ["b", "c"] } }), backward: false },
  { name: "dependencies schema removed", previous: obj({ a: str }, { dependencies: { a: { required: ["b"] } } }), next: obj({ a: str }), backward: true },
  { name: "dependencies schema added", previous: obj({ a: str }), next: obj({ a: str }, { dependencies: { a: { required: ["b"] } } }), backward: false },
  { name: "dependentRequired added (2019-09)", previous: { $schema: "https://json-schema.org/draft/2019-09/schema", ...obj({ a: str }) }, next: { $schema: "https://json-schema.org/draft/2019-09/schema", ...obj({ a: str }, { dependentRequired: { a: ["b"] } }) }, backward: false },
  { name: "dependentSchemas removed (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", ...obj({ a: str }, { dependentSchemas: { a: { required: ["b"] } } }) }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", ...obj({ a: str }) }, backward: true },
  { name: "array items type changed", previous: { type: "array", items: str }, next: { type: "array", items: num }, backward: false },
  { name: "array items schema added", previous: { type: "array" }, next: { type: "array", items: str }, backward: false },
  { name: "array items schema removed", previous: { type: "array", items: str }, next: { type: "array" }, backward: true },
  { name: "minItems decreased", previous: { type: "array", minItems: 2 }, next: { type: "array", minItems: 1 }, backward: true },
  { name: "maxItems decreased", previous: { type: "array", maxItems: 2 }, next: { type: "array", maxItems: 1 }, backward: false },
  { name: "uniqueItems removed", previous: { type: "array", uniqueItems: true }, next: { type: "array" }, backward: true },
  { name: "uniqueItems added", previous: { type: "array" }, next: { type: "array", uniqueItems: true }, backward: false },
  { name: "minContains decreased (any minContains change counts)", previous: { type: "array", contains: str, minContains: 2 }, next: { type: "array", contains: str, minContains: 1 }, backward: false },
  { name: "maxContains added", previous: { type: "array", contains: str }, next: { type: "array", contains: str, maxContains: 3 }, backward: false },
  { name: "tuple item added to an open tuple (items array)", previous: { type: "array", items: [str] }, next: { type: "array", items: [str, num] }, backward: false },
  { name: "tuple item added to a closed tuple (items array)", previous: { type: "array", items: [str], additionalItems: false }, next: { type: "array", items: [str, num], additionalItems: false }, backward: true },
  { name: "tuple item removed from an open tuple", previous: { type: "array", items: [str, num] }, next: { type: "array", items: [str] }, backward: true },
  { name: "tuple item removed from a closed tuple", previous: { type: "array", items: [str, num], additionalItems: false }, next: { type: "array", items: [str], additionalItems: false }, backward: false },
  { name: "tuple item typed false removed from a closed tuple", previous: { type: "array", items: [str, false], additionalItems: false }, next: { type: "array", items: [str], additionalItems: false }, backward: true },
  { name: "tuple item type changed", previous: { type: "array", items: [str] }, next: { type: "array", items: [num] }, backward: false },
  { name: "additionalItems opened", previous: { type: "array", items: [str], additionalItems: false }, next: { type: "array", items: [str] }, backward: true },
  { name: "additionalItems closed", previous: { type: "array", items: [str] }, next: { type: "array", items: [str], additionalItems: false }, backward: false },
  { name: "additionalItems schema narrowed", previous: { type: "array", items: [str] }, next: { type: "array", items: [str], additionalItems: num }, backward: false },
  { name: "prefixItems item added to a closed tuple (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str], items: false }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str, num], items: false }, backward: true },
  { name: "prefixItems item added to an open tuple (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str] }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str, num] }, backward: false },
  { name: "prefixItems item type changed (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str] }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [int] }, backward: false },
  { name: "items after prefixItems closed (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str] }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [str], items: false }, backward: false },
  { name: "a $ref target changes type", previous: { definitions: { Id: str }, ...obj({ id: { $ref: "#/definitions/Id" } }) }, next: { definitions: { Id: num }, ...obj({ id: { $ref: "#/definitions/Id" } }) }, backward: false },
  { name: "a $defs target widens (2020-12)", previous: { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { N: int }, ...obj({ n: { $ref: "#/$defs/N" } }) }, next: { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: { N: num }, ...obj({ n: { $ref: "#/$defs/N" } }) }, backward: true },
  { name: "a recursive schema, unchanged", previous: { $defs: { Node: obj({ next: { $ref: "#/$defs/Node" } }) }, $ref: "#/$defs/Node" }, next: { $defs: { Node: obj({ next: { $ref: "#/$defs/Node" } }) }, $ref: "#/$defs/Node" }, backward: true },
  { name: "a recursive schema changes a property deep inside", previous: { $defs: { Node: obj({ v: int, next: { $ref: "#/$defs/Node" } }) }, $ref: "#/$defs/Node" }, next: { $defs: { Node: obj({ v: str, next: { $ref: "#/$defs/Node" } }) }, $ref: "#/$defs/Node" }, backward: false },
  { name: "draft-07 $schema, property type changed", previous: { $schema: "http://json-schema.org/draft-07/schema#", ...obj({ a: str }) }, next: { $schema: "http://json-schema.org/draft-07/schema#", ...obj({ a: num }) }, backward: false },
];

const verdict = (previous: unknown, next: unknown, mode: CompatibilityMode, jsonSchemaPolicy: JsonSchemaPolicy) =>
  checkCompatibility({ schemaType: "JSON", newSchema: next, previousSchemas: [previous], mode, jsonSchemaPolicy });

describe("JSON Schema compatibility as Confluent's SchemaDiff decides it", () => {
  it.each(ROWS)("$name → backward compatible: $backward", ({ previous, next, backward }) => {
    const result = verdict(previous, next, "BACKWARD", "strict");
    expect(result.compatible, result.messages.join("; ")).toBe(backward);
    if (!backward) expect(result.messages.length).toBeGreaterThan(0);
  });

  it.each(ROWS)("$name → forward is backward with the schemas swapped", ({ previous, next }) => {
    expect(verdict(previous, next, "FORWARD", "strict").compatible).toBe(verdict(next, previous, "BACKWARD", "strict").compatible);
  });

  it.each(ROWS)("$name → lenient", ({ previous, next, backward, lenient }) => {
    expect(verdict(previous, next, "BACKWARD", "lenient").compatible).toBe(lenient ?? backward);
  });

  it("adding an optional property to an open object is not FULL compatible under strict, and is under lenient", () => {
    expect(verdict(obj({ a: str }), obj({ a: str, b: str }), "FULL", "strict").compatible).toBe(false);
    expect(verdict(obj({ a: str }), obj({ a: str, b: str }), "FULL", "lenient").compatible).toBe(true);
  });

  it("names the path and Confluent's difference type", () => {
    expect(verdict(obj({ a: str }), obj({ a: num }), "BACKWARD", "strict").messages).toEqual(["#/properties/a: type changed (TYPE_CHANGED)"]);
  });
});

describe("differences as Confluent names and locates them", () => {
  const D2020 = "https://json-schema.org/draft/2020-12/schema";
  it.each([
    { name: "a property's type", original: obj({ a: str }), update: obj({ a: num }), changes: ["TYPE_CHANGED #/properties/a"] },
    { name: "an enum inside allOf, reordered", original: { allOf: [str, { enum: ["red"] }] }, update: { allOf: [{ enum: ["red", "blue"] }, str] }, changes: ["ENUM_ARRAY_EXTENDED #/allOf/1/enum"] },
    { name: "a string widened into a oneOf", original: { ...str, maxLength: 3 }, update: { oneOf: [num, str] }, changes: ["MAX_LENGTH_REMOVED #/maxLength", "SUM_TYPE_EXTENDED #/"] },
    { name: "a closed tuple opened with one more item", original: { type: "array", items: [str, num], additionalItems: false }, update: { type: "array", items: [str, num, { type: "boolean" }], additionalItems: true }, changes: ["ITEM_ADDED_TO_CLOSED_CONTENT_MODEL #/items/2", "ADDITIONAL_ITEMS_ADDED #/additionalItems"] },
    { name: "2020-12: a boolean items is additionalItems", original: { $schema: D2020, items: true }, update: { $schema: D2020, items: false }, changes: ["ADDITIONAL_ITEMS_REMOVED #/additionalItems"] },
    { name: "2020-12: prefixItems are the tuple's items", original: { $schema: D2020, type: "array", prefixItems: [str, num, num], items: str }, update: { $schema: D2020, type: "array", prefixItems: [str, num], items: str }, changes: ["TYPE_CHANGED #/items/2", "ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL #/items/2"] },
  ])("$name", ({ original, update, changes }) => {
    expect(diffJsonSchemas(original, update).map((d) => `${d.type} ${d.path}`)).toEqual(changes);
  });
});

describe("JSON Schema drafts the registry accepts", () => {
  it.each([
    ["draft-07", "http://json-schema.org/draft-07/schema#"],
    ["draft-07 without the fragment", "http://json-schema.org/draft-07/schema"],
    ["2019-09", "https://json-schema.org/draft/2019-09/schema"],
    ["2020-12", "https://json-schema.org/draft/2020-12/schema"],
  ])("accepts a %s schema", (_name, $schema) => {
    expect(() => validateSchema("JSON", JSON.stringify({ $schema, type: "object", properties: { a: { type: "string" } } }))).not.toThrow();
  });
});
