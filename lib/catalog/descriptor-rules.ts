/**
 * The rules for slugs, tags and port locations, kept free of zod so the browser can check input as it is typed
 * with the very rules the server's schemas (product-input.ts) apply.
 */
export const SLUG_MIN_LENGTH = 2;
export const SLUG_MAX_LENGTH = 64;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = "use lowercase letters, digits and single dashes (e.g. order-events)";

export const TAG_MAX_LENGTH = 40;
export const MAX_TAGS = 30;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9 _.-]*$/;
export const TAG_MESSAGE = "a tag uses lowercase letters, digits, spaces, '.', '_' and '-', and starts with a letter or digit";

export const TOPIC_PATTERN = /^[a-zA-Z0-9._-]+$/;
export const TOPIC_MESSAGE = "Kafka topic names use letters, digits, '.', '_' and '-'";
export const TABLE_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*(\.[a-zA-Z_][a-zA-Z0-9_]*){0,2}$/;
export const TABLE_MESSAGE = "use schema.table (letters, digits and '_')";

/** A tag as the server stores it: trimmed and lowercase. */
export const normalizeTag = (raw: string) => raw.trim().toLowerCase().replace(/\s+/g, " ");

/** Why a new tag would be refused next to the tags already there, in plain words; undefined when it is fine. */
export function tagProblem(tag: string, existing: readonly string[]): string | undefined {
  if (!tag) return undefined;
  if (existing.includes(tag)) return `“${tag}” is already a tag`;
  if (existing.length >= MAX_TAGS) return `a product can have at most ${MAX_TAGS} tags`;
  if (tag.length > TAG_MAX_LENGTH) return `“${tag.slice(0, 20)}…” is ${tag.length} characters long; a tag may have at most ${TAG_MAX_LENGTH}`;
  if (!TAG_PATTERN.test(tag)) return `“${tag}” is refused: ${TAG_MESSAGE}`;
  return undefined;
}

/** Why a slug would be refused, in plain words; undefined when it is fine. */
export function slugProblem(value: string): string | undefined {
  if (!value) return "is required";
  if (value.length < SLUG_MIN_LENGTH) return `must be at least ${SLUG_MIN_LENGTH} characters`;
  if (value.length > SLUG_MAX_LENGTH) return `must be at most ${SLUG_MAX_LENGTH} characters`;
  return SLUG_PATTERN.test(value) ? undefined : SLUG_MESSAGE;
}
