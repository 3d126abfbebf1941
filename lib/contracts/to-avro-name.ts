/** Makes a valid Avro name ([A-Za-z_][A-Za-z0-9_]*) out of any ODCS name. */
export function toAvroName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
