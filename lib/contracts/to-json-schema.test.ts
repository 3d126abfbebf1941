import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { OdcsContract } from "./contract-types";
import { parseContract } from "./parse-contract";
import { toJsonSchema } from "./to-json-schema";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/odcs/examples");

function importExample(file: string): OdcsContract {
  const result = parseContract(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.contract;
}

function compile(schema: object) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe("toJsonSchema", () => {
  it("maps the Kafka example to a closed object with its required fields", () => {
    expect(toJsonSchema(importExample("schema--kafka-schema.odcs.yaml"))).toEqual({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      title: "Orders",
      description: "Orders Kafka topic",
      type: "object",
      properties: { cust_id: { type: "string" }, prod_id: { type: "string" }, qty: { type: "integer" } },
      required: ["cust_id", "prod_id", "qty"],
      additionalProperties: false,
    });
  });

  it("validates records of the all-data-types example, with formats and options", () => {
    const schema = toJsonSchema(importExample("data-types--all-data-types.odcs.yaml"));
    const properties = schema.properties as Record<string, object>;
    expect(properties.txn_ref_date).toEqual({ type: ["string", "null"], format: "date" });
    expect(properties.txn_timestamp).toEqual({ type: ["string", "null"], format: "date-time" });
    expect(properties.account_id).toEqual({ type: ["string", "null"], minLength: 11, maxLength: 11, pattern: "ACC[0-9]{8}" });
    expect(properties.age).toEqual({ type: ["integer", "null"], minimum: 18, exclusiveMaximum: 100 });
    const validate = compile(schema);
    const good = { account_id: "ACC12345678", txn_ref_date: "2020-06-01", txn_timestamp: "2020-06-01T10:00:00Z", amount: 1.5, age: 40, is_open: true, latest_txns: [1, 2], customer_details: { num_children: 1 }, txn_time: null };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, txn_ref_date: "01/06/2020" })).toBe(false);
    expect(validate({ ...good, age: 17 })).toBe(false);
    expect(validate({ ...good, extra: 1 })).toBe(false);
  });

  it("recurses into nested objects and arrays", () => {
    const schema = toJsonSchema(importExample("schema--all-schema-types.odcs.yaml"), "AnotherObject");
    expect(schema.properties).toEqual({
      x: {
        type: ["array", "null"],
        items: { type: "object", properties: { id: { type: ["string", "null"] }, zip: { type: ["string", "null"] } }, additionalProperties: false },
      },
    });
    const validate = compile(schema);
    expect(validate({ x: [{ id: "1", zip: null }] })).toBe(true);
    expect(validate({ x: [{ id: 1 }] })).toBe(false);
  });

  it("leaves objects open on request", () => {
    const schema = toJsonSchema(importExample("schema--kafka-schema.odcs.yaml"), undefined, { openObjects: true });
    expect(schema).not.toHaveProperty("additionalProperties");
    expect(compile(schema)({ cust_id: "a", prod_id: "b", qty: 1, extra: true })).toBe(true);
  });

  it.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".odcs.yaml")))("compiles for every object of %s", (file) => {
    const example = importExample(file);
    for (const object of example.schema ?? []) expect(() => compile(toJsonSchema(example, object.name))).not.toThrow();
  });
});
