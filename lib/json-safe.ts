/**
 * A plain-JSON copy of a decoded record: Avro records lose their methods (`clone`, `toBuffer`…), big integers become
 * strings and byte buffers base64, so the value can be stored in a JSON column or sent to the browser.
 */
export const jsonSafe = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
      // `v` is what Buffer#toJSON made of the field; `this[key]` is the field itself, so only a real Buffer matches.
      const raw = this[key];
      return typeof v === "bigint" ? v.toString() : Buffer.isBuffer(raw) ? raw.toString("base64") : v;
    }),
  );
