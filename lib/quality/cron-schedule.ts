/** Whether a five-field cron expression (minute hour day month weekday, in UTC; *, lists, ranges, steps) matches `at`'s minute. */
export function cronMatches(expression: string, at: Date): boolean | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const values = [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1, at.getUTCDay()];
  const ranges: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
  const matches = fields.map((field, i) => fieldMatches(field, values[i], ranges[i], i === 4));
  if (matches.includes(null)) return null;
  return matches.every(Boolean);
}

function fieldMatches(field: string, value: number, [min, max]: [number, number], weekday: boolean): boolean | null {
  for (const part of field.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) return null;
    const low = match[1] === "*" ? min : Number(match[2]);
    const high = match[1] === "*" ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : low;
    const step = match[4] ? Number(match[4]) : 1;
    if (low < min || high > max || step < 1) return null;
    for (let v = low; v <= high; v += step) if (v === value || (weekday && v === 7 && value === 0)) return true;
  }
  return false;
}

export const DEFAULT_INTERVAL_MS = 5 * 60_000;

/**
 * Whether checks with these schedules are due at `at`, last run at `last`: a cron schedule when it matched a minute
 * since the last run, no schedule (or one we cannot read) every DEFAULT_INTERVAL_MS.
 */
export function isDue(schedules: (string | undefined)[], last: Date | null, at: Date): boolean {
  if (!last) return true;
  const elapsed = at.getTime() - last.getTime();
  for (const schedule of schedules.length > 0 ? schedules : [undefined]) {
    if (!schedule || cronMatches(schedule, at) === null) {
      if (elapsed >= DEFAULT_INTERVAL_MS) return true;
      continue;
    }
    if (elapsed > 2 * 86_400_000) return true;
    const first = Math.floor(last.getTime() / 60_000) + 1;
    for (let minute = first; minute <= Math.floor(at.getTime() / 60_000); minute++) if (cronMatches(schedule, new Date(minute * 60_000))) return true;
  }
  return false;
}
