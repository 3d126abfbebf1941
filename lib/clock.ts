/**
 * Meshwork's notion of "now": every expiry, reminder, freshness and SLA computation asks this clock, so tests
 * move time instead of sleeping. Tests call setClock/resetClock; a process (the workers, the e2e server) is
 * started with MESHWORK_CLOCK, read once at start:
 *   MESHWORK_CLOCK=2027-03-01T09:00:00Z   frozen at that instant
 *   MESHWORK_CLOCK=+90d  (or -2h, +30m, +15s, +500ms)   real time shifted by that much, still running
 * It is honoured in demo mode only (tests and demos run there): a deployment never runs on a shifted clock.
 */

type Reading = () => Date;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const OFFSET = /^([+-])(\d+)(ms|s|m|h|d)$/;

const realTime: Reading = () => new Date();

/** The reading a MESHWORK_CLOCK value describes; throws one line naming the variable when it describes none. */
export function parseClockSetting(value: string): Reading {
  const text = value.trim();
  const offset = OFFSET.exec(text);
  if (offset) {
    const ms = Number(offset[2]) * UNIT_MS[offset[3]] * (offset[1] === "-" ? -1 : 1);
    return () => new Date(Date.now() + ms);
  }
  // An instant needs a date and a time with its zone, so "2027-03-01" is not silently read as local midnight.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const at = new Date(text);
    if (!Number.isNaN(at.getTime())) return () => new Date(at.getTime());
  }
  throw new Error(`MESHWORK_CLOCK must be an ISO instant with its zone (2027-03-01T09:00:00Z) or an offset such as +90d, -2h, +30m; got "${value}".`);
}

function fromEnvironment(): Reading {
  const setting = process.env.MESHWORK_CLOCK;
  if (!setting) return realTime;
  if (process.env.MESHWORK_DEMO !== "on") throw new Error("MESHWORK_CLOCK is only honoured in demo mode (MESHWORK_DEMO=on): unset it.");
  return parseClockSetting(setting);
}

let reading: Reading = fromEnvironment();

/** The current instant (a fresh Date each call). */
export function now(): Date {
  return reading();
}

/** Freezes the clock at `at`, or (with `{ running: true }`) lets it run on from `at`. For tests. */
export function setClock(at: Date | string, { running = false }: { running?: boolean } = {}): void {
  const start = new Date(at).getTime();
  if (Number.isNaN(start)) throw new Error(`setClock: not an instant: ${String(at)}`);
  if (!running) {
    reading = () => new Date(start);
    return;
  }
  const startedAt = Date.now();
  reading = () => new Date(start + (Date.now() - startedAt));
}

/** Moves a set clock (or real time) forward by `ms`, keeping it frozen or running as it was. For tests. */
export function advanceClock(ms: number): void {
  const previous = reading;
  reading = () => new Date(previous().getTime() + ms);
}

/** Back to what the process started with (MESHWORK_CLOCK, or real time). */
export function resetClock(): void {
  reading = fromEnvironment();
}
