// The panel's data, typed from the server functions that produce it (JSON: dates arrive as ISO strings already).
export type { MaterializationStatus, MaterializationPartitionStatus, MaterializationState } from "@/lib/materialization/get-materialization-status";
export type { DeadLetterView } from "@/lib/materialization/list-dead-letters";
export type { DeadLetterInspection } from "@/lib/materialization/inspect-dead-letter";
export type { ReplayResult } from "@/lib/materialization/replay-dead-letters";

export const materializationUrl = (portRef: string, path = "") => `/api/v1/ports/${encodeURIComponent(portRef)}/materialization${path}`;
export const deadLettersUrl = (portRef: string, path = "") => `/api/v1/ports/${encodeURIComponent(portRef)}/dead-letters${path}`;

const count = new Intl.NumberFormat("en-GB");
export const formatCount = (n: number) => count.format(n);

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return "0";
  return perSecond < 10 ? perSecond.toFixed(1) : count.format(Math.round(perSecond));
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 1) return seconds === 0 ? "0 s" : "< 1 s";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
