import { describe, expect, it } from "vitest";
import { isoFromMillis } from "./port-plan";

describe("isoFromMillis", () => {
  it("writes what Date#toISOString writes, across days, years and the epoch", () => {
    const samples = [0, 1, 999, 86_399_999, 86_400_000, -1, -86_400_001, 1_700_000_000_123, 951_782_400_000, 4_102_444_799_999, -62_135_596_800_000, 253_402_300_799_999, 253_402_300_800_000, 8.64e15];
    for (let i = 0; i < 2_000; i++) samples.push(Math.floor((Math.random() - 0.3) * 4e12));
    for (const ms of samples) expect(isoFromMillis(ms)).toBe(new Date(ms).toISOString());
  });

  it("refuses what no Date can hold (the record then goes to the dead letters, the batch goes on)", () => {
    expect(isoFromMillis(8.64e15 + 1)).toBeUndefined();
    expect(isoFromMillis(-1e17)).toBeUndefined();
  });
});
