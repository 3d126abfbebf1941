import { describe, expect, it } from "vitest";
import { checkSchemaAgainstContract } from "./check-schema-against-contract";

const contract = {
  schema: [
    {
      name: "orders",
      properties: [
        { name: "order_id", logicalType: "string", required: true },
        { name: "amount", logicalType: "number", required: true },
        { name: "placed_at", logicalType: "timestamp", required: true },
        { name: "note", logicalType: "string" },
      ],
    },
  ],
};

describe("a hand-written schema checked against the contract's fields", () => {
  it("accepts an Avro record that matches", () => {
    const avro = { type: "record", name: "Order", fields: [
      { name: "order_id", type: "string" },
      { name: "amount", type: "double" },
      { name: "placed_at", type: { type: "long", logicalType: "timestamp-millis" } },
      { name: "note", type: ["null", "string"], default: null },
    ] };
    expect(checkSchemaAgainstContract(contract, "AVRO", avro)).toEqual([]);
  });

  it("names each mismatch in an Avro record", () => {
    const avro = { type: "record", name: "Order", fields: [
      { name: "order_id", type: ["null", "string"], default: null },
      { name: "amount", type: "string" },
      { name: "placed_at", type: "long" },
      { name: "note", type: ["null", "string"] },
      { name: "coupon", type: "string" },
    ] };
    expect(checkSchemaAgainstContract(contract, "AVRO", avro)).toEqual([
      'field "order_id" is required by the contract but optional in the schema',
      'field "amount": the contract says number, the schema says string',
      'field "coupon" is in the schema but not declared in the contract',
    ]);
  });

  it("checks JSON Schema properties and required", () => {
    const json = { type: "object", properties: { order_id: { type: "string" }, amount: { type: "number" }, note: { type: "string" } }, required: ["order_id"] };
    expect(checkSchemaAgainstContract(contract, "JSON", json)).toEqual([
      'field "amount" is required by the contract but optional in the schema',
      'field "placed_at" is in the contract but not in the schema',
    ]);
  });
});
