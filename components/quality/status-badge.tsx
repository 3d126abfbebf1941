import { Badge } from "@/components/ui/badge";

const LOOK = { passed: ["green", "Passed"], failed: ["red", "Failed"], not_evaluated: ["slate", "Not evaluated"] } as const;

export function CheckStatusBadge({ status }: { status: "passed" | "failed" | "not_evaluated" }) {
  const [tone, label] = LOOK[status];
  return (
    <Badge tone={tone} dot testId="check-status">
      {label}
    </Badge>
  );
}

/** A measured value with its unit: 2 rows, 1.5 %, 12 min. */
export function formatMeasured(measured: number | null, unit: string | null): string {
  if (measured === null) return "—";
  if (unit === "seconds") return measured >= 3600 ? `${(measured / 3600).toFixed(1)} h` : measured >= 60 ? `${Math.round(measured / 60)} min` : `${measured} s`;
  const value = Number.isInteger(measured) ? String(measured) : measured.toFixed(2);
  if (unit === "percent") return `${value} %`;
  if (unit === "rows") return `${value} ${measured === 1 ? "row" : "rows"}`;
  return unit ? `${value} ${unit}` : value;
}
