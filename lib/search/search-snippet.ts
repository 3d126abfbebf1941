// The snippet under a search result: the description's passages around the matched words (from PostgreSQL's
// ts_headline), each widened to whole words, with an ellipsis where the description goes on; or, with no match in
// the description, its opening words.

// Sentinels around matches and between passages that cannot survive in the text (stripped first), turned into
// <mark> and " … " after escaping.
export const MARK_START = "\u0001";
export const MARK_END = "\u0002";
export const FRAGMENT_END = "\u0003";
/** ts_headline's input: <, > and & swapped for private-use characters (so the parser sees no tags or entities), the sentinels removed. */
export const HEADLINE_FROM = `<>&${MARK_START}${MARK_END}${FRAGMENT_END}`;
export const HEADLINE_TO = "\uE000\uE001\uE002";
export const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=${FRAGMENT_END}`;

const SNIPPET_CHARS = 220;
const ELLIPSIS = "…";
// A fragment is never widened by more than this (a long URL or identifier is cut instead, after an ellipsis).
const MAX_WIDEN = 40;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
const PLACEHOLDERS: Record<string, string> = { "\uE000": "&lt;", "\uE001": "&gt;", "\uE002": "&amp;" };

/** Escapes a headline and turns its sentinels into <mark> tags and placeholders into entities, so <mark> is the only HTML. */
function headlineHtml(headline: string): string {
  let open = false;
  const html = escapeHtml(headline).replace(/[\u0001\u0002\uE000-\uE002]/g, (c) => {
    if (c in PLACEHOLDERS) return PLACEHOLDERS[c];
    if (c === MARK_START && !open) return (open = true), "<mark>";
    if (c === MARK_END && open) return (open = false), "</mark>";
    return "";
  });
  return open ? `${html}</mark>` : html;
}

/** The description's opening words, cut at a word boundary with an ellipsis when it is longer. */
export function leadingSnippet(description: string): string {
  const text = description.replace(/\s+/g, " ").trim();
  if (text.length <= SNIPPET_CHARS) return escapeHtml(text);
  const cut = text.slice(0, SNIPPET_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${escapeHtml(space > SNIPPET_CHARS / 2 ? cut.slice(0, space) : cut)} ${ELLIPSIS}`;
}

/**
 * The snippet for a description and its ts_headline (computed over the description translated HEADLINE_FROM →
 * HEADLINE_TO, with HEADLINE_OPTIONS): HTML with <mark> around the matches. ts_headline cuts passages at the text-search
 * parser's tokens, which can start inside a word ("e-mail", "order_id"), so each passage is widened to the whitespace
 * around it and gets an ellipsis on each side where the description goes on. Without a match it is the leading text.
 */
export function searchSnippet(description: string, headline: string | null): string {
  if (!headline || !headline.includes(MARK_START)) return leadingSnippet(description);
  const text = description.replace(/[\u0001-\u0003]/g, "").replace(/[<>&]/g, (c) => HEADLINE_TO["<>&".indexOf(c)]);
  const last = text.trimEnd().length;
  const parts: string[] = [];
  let from = 0;
  let first = 0;
  let end = 0;
  for (const fragment of headline.split(FRAGMENT_END)) {
    const plain = fragment.replace(/[\u0001\u0002]/g, "");
    const at = plain.trim() ? text.indexOf(plain, from) : -1;
    // Not found as is (should not happen): shown as PostgreSQL gave it.
    if (at < 0) {
      parts.push(headlineHtml(fragment));
      continue;
    }
    let start = at;
    while (start > 0 && !/\s/.test(text[start - 1]) && at - start < MAX_WIDEN) start--;
    end = at + plain.length;
    while (end < text.length && !/\s/.test(text[end]) && end - (at + plain.length) < MAX_WIDEN) end++;
    if (parts.length === 0) first = start;
    parts.push(headlineHtml(text.slice(start, at) + fragment + text.slice(at + plain.length, end)).trim());
    from = end;
  }
  const lead = first > 0 ? `${ELLIPSIS} ` : "";
  const tail = end > 0 && end < last ? ` ${ELLIPSIS}` : "";
  return `${lead}${parts.join(` ${ELLIPSIS} `)}${tail}`;
}
