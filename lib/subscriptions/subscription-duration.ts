import { validationFailed } from "@/lib/errors";

export const DEFAULT_DURATION_DAYS = 90;
const DAY_MS = 86_400_000;

type PortLimits = { maxDurationDays: number; allowNoEnd: boolean };

/** The length a request gets: 90 days unless asked (capped by the port's maximum); null (no end) only where the port allows it. */
export function resolveDuration(port: PortLimits, requested: number | null | undefined): number | null {
  if (requested === undefined) return Math.min(DEFAULT_DURATION_DAYS, port.maxDurationDays);
  if (requested === null) {
    if (port.allowNoEnd) return null;
    throw validationFailed(`This port does not grant access without an end; ask for at most ${port.maxDurationDays} days.`, [{ path: "durationDays", message: "no end is not allowed on this port" }]);
  }
  if (requested > port.maxDurationDays) {
    throw validationFailed(`This port grants access for at most ${port.maxDurationDays} days; ${requested} were asked for.`, [{ path: "durationDays", message: `must be at most ${port.maxDurationDays}` }]);
  }
  return requested;
}

/** When a subscription approved at `from` ends. */
export const endsAtFor = (from: Date, durationDays: number | null): Date | null => (durationDays === null ? null : new Date(from.getTime() + durationDays * DAY_MS));
