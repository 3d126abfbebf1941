import { describe, expect, it } from "vitest";
import { MAX_TAGS, normalizeTag, slugProblem, tagProblem } from "./descriptor-rules";
import { ProductUpdate, slug } from "./product-input";

const serverRefuses = (tags: string[]) => !ProductUpdate.safeParse({ tags }).success;

describe("tag rules", () => {
  it("refuses a tag that is too long, has characters the server does not take, or is there already", () => {
    expect(tagProblem("x".repeat(41), [])).toMatch(/is 41 characters long; a tag may have at most 40/);
    expect(tagProblem("not a tag!", [])).toMatch(/^“not a tag!” is refused: a tag uses lowercase letters, digits/);
    expect(tagProblem("-orders", [])).toMatch(/starts with a letter or digit/);
    expect(tagProblem("orders", ["orders"])).toBe("“orders” is already a tag");
    expect(tagProblem("one-more", Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`))).toBe(`a product can have at most ${MAX_TAGS} tags`);
    expect(tagProblem("order events", ["orders"])).toBeUndefined();
  });

  it("refuses exactly the tags the server's schema refuses", () => {
    for (const raw of ["orders", "Orders", "order events", "a.b_c-d", "x".repeat(40), "x".repeat(41), "not a tag!", "-x", "ümlaut", "tab\there"]) {
      const tag = normalizeTag(raw);
      expect(tagProblem(tag, []) !== undefined, raw).toBe(serverRefuses([tag]));
    }
  });
});

describe("slug rules", () => {
  it("says why a slug is refused, as the server would", () => {
    expect(slugProblem("")).toBe("is required");
    expect(slugProblem("a")).toBe("must be at least 2 characters");
    expect(slugProblem("Order_Events")).toMatch(/^use lowercase letters, digits and single dashes/);
    expect(slugProblem("order-events")).toBeUndefined();
  });

  it("refuses exactly the slugs the server's schema refuses", () => {
    for (const value of ["", "a", "ab", "order-events", "Order_Events", "a--b", "-ab", "ab-", "x".repeat(64), "x".repeat(65)]) {
      expect(slugProblem(value) !== undefined, value).toBe(!slug.safeParse(value).success);
    }
  });
});
