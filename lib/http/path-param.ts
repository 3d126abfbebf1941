/**
 * A page's path parameter as text. Next has decoded it once already; an escape still in it is decoded once
 * more, and one that does not decode (`%`, `abc%`, `%E0%A4%A`) is kept as written. A NUL byte names nothing
 * (PostgreSQL cannot store one), so it becomes the empty name. Either way the lookup finds nothing and the page
 * answers 404 instead of throwing.
 */
export function pathParam(value: string): string {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // Not an escape: the text as written.
  }
  return text.includes("\u0000") ? "" : text;
}
