import { describe, expect, it } from "vitest";
import { timeTicks } from "./throughput-chart";

describe("the throughput chart's time ticks", () => {
  it("fall on whole seconds inside the samples' span, each second at most once", () => {
    const first = Date.UTC(2026, 11, 3, 12, 32, 1, 400);
    const ticks = timeTicks(first, first + 2_300);
    expect(ticks).toEqual([first + 600, first + 1_600]);
    expect(new Set(ticks.map((t) => Math.floor(t / 1000))).size).toBe(ticks.length);
  });

  it("spread about four ticks over a few minutes", () => {
    const first = Date.UTC(2026, 11, 3, 12, 30, 0);
    const ticks = timeTicks(first, first + 4 * 60_000);
    expect(ticks).toEqual([0, 1, 2, 3, 4].map((m) => first + m * 60_000));
  });
});
