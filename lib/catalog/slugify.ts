/**
 * A URL slug from a name. Kept apart from product-input.ts so browser code can use it without loading zod, whose
 * schemas probe `new Function` at creation and so trip the pages' Content-Security-Policy (no 'unsafe-eval').
 */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 64)
    .replace(/^-+|-+$/g, "");
}
