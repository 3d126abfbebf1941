/**
 * A dead letter's value as text, when it is text: a producer that wrote plain JSON or CSV instead of Avro is read at a
 * glance. Null for bytes that are not UTF-8 or hold control characters other than tabs and line breaks (Avro, binary).
 */
export function textPreview(valueBase64: string | null, limit = 2000): string | null {
  if (!valueBase64) return null;
  const bytes = Uint8Array.from(atob(valueBase64), (c) => c.charCodeAt(0));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (text.length === 0 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return null;
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
