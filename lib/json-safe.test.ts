import avro from "avsc";
import { describe, expect, it } from "vitest";
import { jsonSafe } from "./json-safe";

describe("jsonSafe", () => {
  it("copies a decoded Avro record as plain JSON: no methods, bytes as base64, big integers as text", () => {
    const type = avro.Type.forSchema({ type: "record", name: "R", fields: [{ name: "id", type: "string" }, { name: "blob", type: "bytes" }] });
    const record = type.fromBuffer(type.toBuffer({ id: "r1", blob: Buffer.from([1, 2, 3]) }));
    const copy = jsonSafe({ record, big: 2n ** 70n }) as { record: object; big: string };
    expect(Object.getPrototypeOf(copy.record)).toBe(Object.prototype);
    expect(copy).toEqual({ record: { id: "r1", blob: "AQID" }, big: "1180591620717411303424" });
  });

  it("leaves a field that only looks like a serialized Buffer as it is", () => {
    const lookalike = { type: "Buffer", data: [1, 2, 3] };
    expect(jsonSafe({ payload: lookalike })).toEqual({ payload: lookalike });
  });
});
