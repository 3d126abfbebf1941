const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/** The URL when it is an absolute http(s) or mailto link, else null: contracts and descriptors are user input. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  // Browsers drop control characters and surrounding spaces before reading the scheme, so refuse them outright.
  if (url !== url.trim() || /[\u0000-\u001f\u007f]/.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.has(parsed.protocol) ? url : null;
}
