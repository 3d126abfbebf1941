import { describe, expect, it } from "vitest";
import { textPreview } from "./text-preview";

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64");

describe("a dead letter's text preview", () => {
  it("shows plain JSON or CSV a producer wrote instead of Avro", () => {
    expect(textPreview(b64('{"order_id":"o-4","note":"plain JSON"}'))).toBe('{"order_id":"o-4","note":"plain JSON"}');
    expect(textPreview(b64("o-1,12.50\no-2,3.10\n"))).toBe("o-1,12.50\no-2,3.10\n");
    expect(textPreview(b64("zäh 🙂"))).toBe("zäh 🙂");
  });

  it("shows nothing for Avro (magic byte 0, schema id, binary fields), bytes that are not UTF-8, or no value", () => {
    expect(textPreview(b64(Uint8Array.from([0, 0, 0, 0, 15, 6, 111, 45, 49])))).toBeNull();
    expect(textPreview(b64(Uint8Array.from([0xc3, 0x28])))).toBeNull();
    expect(textPreview(null)).toBeNull();
    expect(textPreview("")).toBeNull();
  });

  it("cuts a long text short", () => {
    expect(textPreview(b64("x".repeat(3000)), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
