import { describe, expect, it } from "vitest";
import { FRAGMENT_END as SEP, MARK_END as E, MARK_START as S, leadingSnippet, searchSnippet } from "./search-snippet";

// Headlines as PostgreSQL's ts_headline returns them for these descriptions (MaxFragments=2): passages cut at the
// parser's tokens, which can start inside a hyphenated word and stop before the closing full stop.
const LONG =
  "Lots of words before we get to it here and there and everywhere again and again, then all the mail-addresses of the customer base with e-mail address and tracking for all shipments.";

describe("searchSnippet", () => {
  it("widens a passage that starts inside a word to the whole word, and marks where the description goes on", () => {
    const headline = `again, then all the mail-${S}addresses${E} of the customer base with${SEP}mail ${S}address${E} and tracking for all shipments`;
    expect(searchSnippet(LONG, headline)).toBe("… again, then all the mail-<mark>addresses</mark> of the customer base with … e-mail <mark>address</mark> and tracking for all shipments.");
  });

  it("has no leading ellipsis when the passage is the description's start, and none at the end when it reaches the end", () => {
    const description = "Order events: every change of an order, with its status.";
    const headline = `Order ${S}events${E}: every change of an order, with its status`;
    expect(searchSnippet(description, headline)).toBe("Order <mark>events</mark>: every change of an order, with its status.");
  });

  it("starts at a word boundary after an underscore-joined identifier, which the parser splits", () => {
    const description = "Materialized into analytics.order_events_daily for reporting; one row per order and day, refreshed hourly by the worker.";
    const headline = `events_daily for reporting; one row per ${S}order${E} and day`;
    const snippet = searchSnippet(description, headline);
    expect(snippet).toBe("… analytics.order_events_daily for reporting; one row per <mark>order</mark> and day, …");
    expect(snippet.replace(/<\/?mark>/g, "")).toMatch(/^… \S+ /);
  });

  it("escapes the text, so <mark> is the only HTML, with the description's <, > and & swapped as ts_headline saw them", () => {
    const description = "Disputed <script>alert(1)</script> chargebacks & fees from the acquirer.";
    const headline = `Disputed \uE000script\uE001alert(1)\uE000/script\uE001 ${S}chargebacks${E} \uE002 fees from the acquirer`;
    expect(searchSnippet(description, headline)).toBe("Disputed &lt;script&gt;alert(1)&lt;/script&gt; <mark>chargebacks</mark> &amp; fees from the acquirer.");
  });

  it("falls back to the leading text when the headline marks nothing", () => {
    expect(searchSnippet("Short description.", "Short description")).toBe("Short description.");
    expect(searchSnippet("Short description.", null)).toBe("Short description.");
  });
});

describe("leadingSnippet", () => {
  it("cuts a long description at a word boundary with an ellipsis", () => {
    const snippet = leadingSnippet(`${"word ".repeat(60)}end`);
    expect(snippet.endsWith(" …")).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(222);
    expect(snippet.slice(0, -2)).toMatch(/^(word )*word$/);
  });
});
