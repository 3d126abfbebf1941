/**
 * Where to send a browser after signing in: the path it asked for when that path is on this site, else home.
 * `//evil.example`, `/\evil.example`, `https://…` and anything with control characters are off-site or ambiguous.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (!raw || raw.length > 2000 || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  const base = "http://meshwork.invalid";
  let parsed: URL;
  try {
    parsed = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (parsed.origin !== base) return fallback;
  // Coming back to the sign-in page itself would loop.
  if (parsed.pathname === "/sign-in") return fallback;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
