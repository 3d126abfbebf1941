import { describe, expect, it } from "vitest";
import { safeHref } from "./safe-url";

describe("safeHref", () => {
  it("keeps http, https and mailto links", () => {
    expect(safeHref("https://example.com/help?q=1")).toBe("https://example.com/help?q=1");
    expect(safeHref("HTTP://example.com")).toBe("HTTP://example.com");
    expect(safeHref("mailto:team@example.com")).toBe("mailto:team@example.com");
  });

  it("refuses every other scheme, however it is disguised, and relative or empty values", () => {
    for (const url of [
      "data:text/html,<script>alert(1)</script>",
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "\u0000javascript:alert(1)",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "//evil.example/x",
      "/relative/path",
      "not a url",
      "",
      undefined,
      null,
    ]) {
      expect(safeHref(url), String(url)).toBeNull();
    }
  });
});
