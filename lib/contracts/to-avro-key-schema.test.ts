import avro from "avsc";
import { describe, expect, it } from "vitest";
import type { OdcsContract } from "./contract-types";
import { toAvroKeySchema } from "./to-avro-key-schema";

const contract = (properties: object[]) => ({ apiVersion: "v3.1.0", kind: "DataContract", id: "c", version: "1.0.0", status: "active", domain: "orders", schema: [{ name: "orders", properties }] }) as unknown as OdcsContract;

describe("the Kafka key schema of a contract", () => {
  it("is the type of the single primary-key field", () => {
    expect(toAvroKeySchema(contract([{ name: "order_id", logicalType: "string", required: true, primaryKey: true }, { name: "amount", logicalType: "number" }]))).toBe("string");
  });

  it("is a record of the key fields, in primaryKeyPosition order, when the key is composite", () => {
    const key = toAvroKeySchema(contract([
      { name: "sku", logicalType: "string", primaryKey: true, primaryKeyPosition: 2 },
      { name: "warehouse_id", logicalType: "integer", primaryKey: true, primaryKeyPosition: 1 },
      { name: "on_hand", logicalType: "integer" },
    ]));
    expect(key).toMatchObject({ type: "record", name: "ordersKey", fields: [{ name: "warehouse_id", type: "long" }, { name: "sku", type: "string" }] });
    expect(() => avro.Type.forSchema(key as never)).not.toThrow();
  });

  it("is absent when the contract declares no primary key", () => {
    expect(toAvroKeySchema(contract([{ name: "amount", logicalType: "number" }]))).toBeNull();
  });
});
