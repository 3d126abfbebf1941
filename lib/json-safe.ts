/**
 * A plain-JSON copy of a decoded record: Avro records lose their methods (`clone`, `toBuffer`…), big integers become
 * strings and byte buffers base64, so the value can be stored in a JSON column or sent to the browser.
 */
export const jsonSafe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v?.type === "Buffer" && Array.isArray(v.data) ? Buffer.from(v.data).toString("base64") : v)));
