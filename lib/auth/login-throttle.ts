/** Failed password sign-ins allowed per window: per (account, address), per address, and per account from unknown addresses. */
export type ThrottleLimits = { perAccountAndAddress: number; perAddress: number; perAccount: number; windowMs: number };

export const DEFAULT_LIMITS: ThrottleLimits = { perAccountAndAddress: 5, perAddress: 100, perAccount: 20, windowMs: 15 * 60_000 };

// An address that signed into an account is "known" to it this long: guesses from elsewhere never lock it out.
const KNOWN_MS = 30 * 24 * 60 * 60_000;
const MAX_KEYS = 20_000;

type Counter = { count: number; resetAt: number };

/**
 * Counts failed password sign-ins in fixed windows. A stranger guessing at an account from one address is stopped
 * after a few tries, one address guessing across accounts after more, and guesses from many addresses slow the
 * account down only for addresses that never signed into it, so nobody can lock the owner out from elsewhere.
 */
export function createLoginThrottle(limits: ThrottleLimits = DEFAULT_LIMITS, now: () => number = Date.now) {
  const pairs = new Map<string, Counter>();
  const addresses = new Map<string, Counter>();
  const accounts = new Map<string, Counter>();
  const known = new Map<string, number>();

  function live(map: Map<string, Counter>, key: string): Counter | undefined {
    const counter = map.get(key);
    if (counter && counter.resetAt <= now()) {
      map.delete(key);
      return undefined;
    }
    return counter;
  }

  // Expired entries go first; if the map is still full, the oldest ones (Map keeps insertion order).
  function makeRoom<V>(map: Map<string, V>, expired: (value: V) => boolean) {
    if (map.size < MAX_KEYS) return;
    for (const [key, value] of map) if (expired(value)) map.delete(key);
    for (const key of map.keys()) {
      if (map.size < MAX_KEYS * 0.9) break;
      map.delete(key);
    }
  }

  function bump(map: Map<string, Counter>, key: string) {
    let counter = live(map, key);
    if (!counter) {
      makeRoom(map, (c) => c.resetAt <= now());
      counter = { count: 0, resetAt: now() + limits.windowMs };
      map.set(key, counter);
    }
    counter.count += 1;
  }

  const wait = (counter: Counter | undefined, limit: number) => (counter && counter.count >= limit ? Math.ceil((counter.resetAt - now()) / 1000) : 0);
  const accountOf = (email: string) => email.trim().toLowerCase();
  const pairOf = (email: string, address: string) => `${accountOf(email)}\n${address}`;
  const isKnown = (email: string, address: string) => (known.get(pairOf(email, address)) ?? 0) > now();

  return {
    /** Seconds to wait before this address may try this account again, or null when it may try now. */
    retryAfter(email: string, address: string): number | null {
      const waits = [wait(live(pairs, pairOf(email, address)), limits.perAccountAndAddress), wait(live(addresses, address), limits.perAddress)];
      if (!isKnown(email, address)) waits.push(wait(live(accounts, accountOf(email)), limits.perAccount));
      const seconds = Math.max(...waits);
      return seconds > 0 ? seconds : null;
    },
    failed(email: string, address: string): void {
      bump(pairs, pairOf(email, address));
      bump(addresses, address);
      bump(accounts, accountOf(email));
    },
    succeeded(email: string, address: string): void {
      pairs.delete(pairOf(email, address));
      makeRoom(known, (until) => until <= now());
      known.set(pairOf(email, address), now() + KNOWN_MS);
    },
    size: () => pairs.size + addresses.size + accounts.size,
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

const globalForThrottle = globalThis as unknown as { meshworkLoginThrottle?: LoginThrottle };

/** The web process's throttle (counts live in memory: one web process, reset on restart). */
export function loginThrottle(): LoginThrottle {
  globalForThrottle.meshworkLoginThrottle ??= createLoginThrottle();
  return globalForThrottle.meshworkLoginThrottle;
}
