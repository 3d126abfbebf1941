import { afterEach, describe, expect, it } from "vitest";
import { advanceClock, now, parseClockSetting, resetClock, setClock } from "./clock";

afterEach(() => resetClock());

describe("the clock", () => {
  it("reads real time by default", () => {
    const before = Date.now();
    const t = now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it("can be frozen, advanced and reset", async () => {
    setClock("2030-05-01T12:00:00Z");
    expect(now().toISOString()).toBe("2030-05-01T12:00:00.000Z");
    await new Promise((r) => setTimeout(r, 20));
    expect(now().toISOString()).toBe("2030-05-01T12:00:00.000Z");
    advanceClock(90 * 86_400_000);
    expect(now().toISOString()).toBe("2030-07-30T12:00:00.000Z");
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it("can run on from a set instant", async () => {
    setClock("2030-01-01T00:00:00Z", { running: true });
    await new Promise((r) => setTimeout(r, 30));
    const elapsed = now().getTime() - Date.parse("2030-01-01T00:00:00Z");
    expect(elapsed).toBeGreaterThanOrEqual(25);
    expect(elapsed).toBeLessThan(5_000);
  });

  it("hands out a fresh Date each time, so callers cannot move it by mutating one", () => {
    setClock("2030-01-01T00:00:00Z");
    now().setFullYear(1999);
    expect(now().getUTCFullYear()).toBe(2030);
  });

  it("reads MESHWORK_CLOCK settings: an instant with its zone, or an offset", () => {
    expect(parseClockSetting("2027-03-01T09:00:00Z")().toISOString()).toBe("2027-03-01T09:00:00.000Z");
    expect(parseClockSetting("2027-03-01T09:00:00+02:00")().toISOString()).toBe("2027-03-01T07:00:00.000Z");
    const shifted = parseClockSetting("+90d")().getTime() - Date.now();
    expect(Math.abs(shifted - 90 * 86_400_000)).toBeLessThan(1_000);
    const back = parseClockSetting("-2h")().getTime() - Date.now();
    expect(Math.abs(back + 7_200_000)).toBeLessThan(1_000);
    for (const bad of ["2027-03-01", "tomorrow", "+90", "90d", "2027-13-45T00:00:00Z"]) {
      expect(() => parseClockSetting(bad), bad).toThrow(/MESHWORK_CLOCK/);
    }
  });
});
