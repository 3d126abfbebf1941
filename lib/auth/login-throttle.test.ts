import { describe, expect, it } from "vitest";
import { createLoginThrottle } from "./login-throttle";

const limits = { perAccountAndAddress: 5, perAddress: 30, perAccount: 20, windowMs: 15 * 60_000 };

function throttleAt(start = 1_000_000) {
  let clock = start;
  const throttle = createLoginThrottle(limits, () => clock);
  return { throttle, advance: (ms: number) => (clock += ms) };
}

const fail = (throttle: ReturnType<typeof createLoginThrottle>, email: string, address: string, times: number) => {
  for (let i = 0; i < times; i++) throttle.failed(email, address);
};

describe("throttling repeated wrong passwords", () => {
  it("blocks an account from one address after five failures, for the rest of the window", () => {
    const { throttle, advance } = throttleAt();
    fail(throttle, "ada@example.com", "203.0.113.5", 4);
    expect(throttle.retryAfter("ada@example.com", "203.0.113.5")).toBeNull();
    throttle.failed("ADA@example.com", "203.0.113.5");
    expect(throttle.retryAfter("ada@example.com", "203.0.113.5")).toBe(900);
    advance(60_000);
    expect(throttle.retryAfter("Ada@Example.com", "203.0.113.5")).toBe(840);
    advance(840_000);
    expect(throttle.retryAfter("ada@example.com", "203.0.113.5")).toBeNull();
  });

  it("does not lock the account's owner out from another address", () => {
    const { throttle } = throttleAt();
    fail(throttle, "admin@example.com", "198.51.100.7", 5);
    expect(throttle.retryAfter("admin@example.com", "198.51.100.7")).not.toBeNull();
    expect(throttle.retryAfter("admin@example.com", "203.0.113.9")).toBeNull();
  });

  it("a successful sign-in clears that address's failures for the account", () => {
    const { throttle } = throttleAt();
    fail(throttle, "ada@example.com", "203.0.113.5", 4);
    throttle.succeeded("ada@example.com", "203.0.113.5");
    fail(throttle, "ada@example.com", "203.0.113.5", 4);
    expect(throttle.retryAfter("ada@example.com", "203.0.113.5")).toBeNull();
  });

  it("blocks one address that guesses across many accounts (a looser limit)", () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 30; i++) throttle.failed(`user${i}@example.com`, "192.0.2.1");
    expect(throttle.retryAfter("someone-else@example.com", "192.0.2.1")).toBeGreaterThan(0);
    expect(throttle.retryAfter("someone-else@example.com", "192.0.2.2")).toBeNull();
  });

  it("guesses at one account from many addresses slow down strangers, but not an address that signed in before", () => {
    const { throttle } = throttleAt();
    throttle.succeeded("admin@example.com", "10.0.0.8");
    for (let i = 0; i < 20; i++) throttle.failed("admin@example.com", `192.0.2.${i}`);
    expect(throttle.retryAfter("admin@example.com", "192.0.2.200")).toBeGreaterThan(0);
    expect(throttle.retryAfter("admin@example.com", "10.0.0.8")).toBeNull();
    expect(throttle.retryAfter("other@example.com", "192.0.2.200")).toBeNull();
  });

  it("keeps its memory bounded", () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 50_000; i++) throttle.failed(`u${i}@example.com`, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    expect(throttle.size()).toBeLessThanOrEqual(3 * 20_000);
  });
});
