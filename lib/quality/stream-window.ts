import { jsonSafe } from "@/lib/json-safe";
import type { CheckDefinition, LibraryCheck } from "./check-definitions";
import { SAMPLE_SIZE } from "./evaluate-table-checks";

/** What the stream checker counted over a window of recent records, per per-record check; stored between runs. */
export type StreamWindow = {
  startedAt: string;
  records: number;
  undecodable: number;
  checks: Record<string, { failing: number; sample: Record<string, unknown>[] }>;
};

export const emptyWindow = (at: Date): StreamWindow => ({ startedAt: at.toISOString(), records: 0, undecodable: 0, checks: {} });

/** The checks a single record can be held to as it passes: null, missing, invalid and (within the window) duplicate values of a top-level field. */
export const isPerRecordCheck = (check: CheckDefinition): check is LibraryCheck =>
  check.kind === "library" && check.metric !== "rowCount" && !!check.property && !(check.metric === "duplicateValues" && check.properties);

/** Counts records into a window as they pass, holding the state duplicate checks need (values seen in this window). */
export class StreamWindowCounter {
  private seen = new Map<string, Set<string>>();
  private patterns = new Map<string, RegExp | null>();
  window: StreamWindow;

  constructor(
    private checks: LibraryCheck[],
    at: Date,
  ) {
    this.window = emptyWindow(at);
  }

  reset(at: Date, checks: LibraryCheck[] = this.checks): StreamWindow {
    const done = this.window;
    this.checks = checks;
    this.window = emptyWindow(at);
    this.seen.clear();
    return done;
  }

  undecodable(): void {
    this.window.undecodable++;
  }

  add(record: Record<string, unknown>): void {
    this.window.records++;
    for (const check of this.checks) {
      if (this.fails(check, record[check.property!])) {
        const entry = (this.window.checks[check.key] ??= { failing: 0, sample: [] });
        entry.failing++;
        if (entry.sample.length < SAMPLE_SIZE) entry.sample.push(jsonSafe(record) as Record<string, unknown>);
      } else {
        this.window.checks[check.key] ??= { failing: 0, sample: [] };
      }
    }
  }

  private fails(check: LibraryCheck, value: unknown): boolean {
    const text = value === null || value === undefined ? null : typeof value === "object" ? JSON.stringify(value) : String(value);
    switch (check.metric) {
      case "nullValues":
        return text === null;
      case "missingValues":
        return text === null || (check.missingValues ?? []).map(String).includes(text);
      case "invalidValues": {
        if (text === null) return false;
        if (check.validValues && !check.validValues.map(String).includes(text)) return true;
        return !!check.pattern && !(this.pattern(check.pattern)?.test(text) ?? true);
      }
      case "duplicateValues": {
        if (text === null) return false;
        const seen = this.seen.get(check.key) ?? new Set<string>();
        this.seen.set(check.key, seen);
        if (seen.has(text)) return true;
        seen.add(text);
        return false;
      }
      default:
        return false;
    }
  }

  private pattern(source: string): RegExp | null {
    if (!this.patterns.has(source)) {
      try {
        this.patterns.set(source, new RegExp(source, "u"));
      } catch {
        this.patterns.set(source, null);
      }
    }
    return this.patterns.get(source)!;
  }
}
