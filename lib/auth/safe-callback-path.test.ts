import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath: signing in returns to the page asked for, never to another site", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/products/sales/orders?tab=contract")).toBe("/products/sales/orders?tab=contract");
    expect(safeCallbackPath("/search?q=orders#top")).toBe("/search?q=orders#top");
  });

  it.each([
    ["an absolute URL", "https://evil.example/phish"],
    ["a protocol-relative URL", "//evil.example/phish"],
    ["a backslash trick", "/\\evil.example"],
    ["an encoded backslash in the middle", "/a\\..\\/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a control character", "/\t/evil.example"],
    ["nothing", ""],
    ["the sign-in page itself", "/sign-in?callbackUrl=/x"],
  ])("ignores %s", (_, raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });
});
