import fs from "node:fs";
import path from "node:path";
import avro from "avsc";
import { describe, expect, it } from "vitest";
import type { OdcsContract } from "./contract-types";
import { parseContract } from "./parse-contract";
import { toAvroSchema } from "./to-avro-schema";

const EXAMPLES = path.resolve(import.meta.dirname, "fixtures/odcs/examples");

function importExample(file: string): OdcsContract {
  const result = parseContract(fs.readFileSync(path.join(EXAMPLES, file), "utf8"));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.contract;
}

const contract = (properties: unknown[], extra: Partial<OdcsContract> = {}): OdcsContract => ({
  apiVersion: "v3.1.0", kind: "DataContract", id: "orders-contract", version: "1.0.0", status: "active", domain: "sales",
  schema: [{ name: "orders", properties: properties as never }],
  ...extra,
});

describe("toAvroSchema", () => {
  it("maps the Kafka example to a record avsc accepts, and round-trips a record", () => {
    const schema = toAvroSchema(importExample("schema--kafka-schema.odcs.yaml"));
    expect(schema).toEqual({
      type: "record",
      name: "Orders",
      namespace: "orders",
      doc: "Orders Kafka topic",
      fields: [
        { name: "cust_id", type: "string" },
        { name: "prod_id", type: "string" },
        { name: "qty", type: "int" },
      ],
    });
    const type = avro.Type.forSchema(schema as avro.Schema);
    const record = { cust_id: "c1", prod_id: "p1", qty: 3 };
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
  });

  it("maps every logical type of the all-data-types example", () => {
    const schema = toAvroSchema(importExample("data-types--all-data-types.odcs.yaml"));
    const types = Object.fromEntries(schema.fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      account_id: ["null", "string"],
      txn_ref_date: ["null", { type: "int", logicalType: "date" }],
      txn_timestamp: ["null", { type: "long", logicalType: "timestamp-millis" }],
      txn_timestamp_tz: ["null", { type: "long", logicalType: "timestamp-millis" }],
      txn_time: ["null", { type: "int", logicalType: "time-millis" }],
      amount: ["null", "double"],
      age: ["null", "int"],
      is_open: ["null", "boolean"],
      latest_txns: ["null", { type: "array", items: "string" }],
      customer_details: ["null", "string"],
    });
    // avsc leaves date and timestamp logical types to their underlying int and long.
    const type = avro.Type.forSchema(schema as avro.Schema);
    const record = {
      account_id: "ACC12345678", txn_ref_date: 18_414, txn_timestamp: Date.parse("2020-06-01T10:00:00Z"), txn_timestamp_tz: null,
      txn_time: 3_600_000, amount: 12.5, age: 40, is_open: true, latest_txns: ["a", "b"], customer_details: '{"num_children":2}',
    };
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
  });

  it("maps nested objects to records and arrays of objects to arrays of records", () => {
    const schema = toAvroSchema(importExample("schema--all-schema-types.odcs.yaml"), "AnotherObject");
    const type = avro.Type.forSchema(schema as avro.Schema);
    const record = { x: [{ id: "1", zip: "75001" }, { id: "2", zip: null }] };
    expect(type.fromBuffer(type.toBuffer(record))).toEqual(record);
    expect(schema.fields[0].type).toEqual(["null", { type: "array", items: { type: "record", name: "x_item", fields: [{ name: "id", type: ["null", "string"], default: null }, { name: "zip", type: ["null", "string"], default: null }] } }]);
  });

  it("maps integers to long unless the physical type says int, and decimals to bytes", () => {
    const schema = toAvroSchema(contract([
      { name: "id", logicalType: "integer", required: true },
      { name: "count", logicalType: "integer", physicalType: "INT", required: true },
      { name: "price", logicalType: "number", physicalType: "decimal(10, 2)", required: true },
      { name: "ratio", logicalType: "number", physicalType: "real", required: true },
    ]));
    expect(schema.fields.map((f) => f.type)).toEqual(["long", "int", { type: "bytes", logicalType: "decimal", precision: 10, scale: 2 }, "float"]);
    const type = avro.Type.forSchema(schema as avro.Schema);
    expect(type.isValid({ id: 1, count: 2, price: Buffer.from([0x04, 0xd2]), ratio: 0.5 })).toBe(true);
  });

  it("cleans names Avro refuses and keeps the original in the doc", () => {
    const schema = toAvroSchema(contract([{ name: "1st-name", logicalType: "string", required: true, description: "Given name" }, { name: "string", logicalType: "object", properties: [{ name: "a" }] }]));
    expect(schema.fields[0]).toEqual({ name: "_1st_name", type: "string", doc: "Given name — ODCS name: 1st-name" });
    expect(schema.fields[1].type).toEqual(["null", { type: "record", name: "string_2", fields: [{ name: "a", type: ["null", "string"], default: null }] }]);
    expect(() => avro.Type.forSchema(schema as avro.Schema)).not.toThrow();
  });

  it("takes the namespace from the domain, else the id", () => {
    expect(toAvroSchema(contract([])).namespace).toBe("sales");
    expect(toAvroSchema(contract([], { domain: undefined, id: "53581432-6c55" })).namespace).toBe("_53581432_6c55");
  });

  it("refuses a contract without the named schema object", () => {
    expect(() => toAvroSchema(contract([]), "missing")).toThrow('the contract has no schema object named "missing"');
  });

  it.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith(".odcs.yaml")))("gives avsc a valid schema for every object of %s", (file) => {
    const example = importExample(file);
    for (const object of example.schema ?? []) {
      expect(() => avro.Type.forSchema(toAvroSchema(example, object.name) as avro.Schema)).not.toThrow();
    }
  });
});
