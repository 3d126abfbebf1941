const LABELS: Record<string, string> = { kafka_topic: "Kafka topic", table: "Table" };

export const portTypeLabel = (type: string) => LABELS[type] ?? type;

export function PortTypeIcon({ type, className = "h-4 w-4" }: { type: string; className?: string }) {
  const label = portTypeLabel(type);
  if (type === "kafka_topic") {
    return (
      <svg role="img" aria-label={label} viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
        <title>{label}</title>
        <path d="M1.5 5.5c1.1-1.3 2.2-1.3 3.25 0s2.15 1.3 3.25 0 2.15-1.3 3.25 0 2.15 1.3 3.25 0" />
        <path d="M1.5 10.5c1.1-1.3 2.2-1.3 3.25 0s2.15 1.3 3.25 0 2.15-1.3 3.25 0 2.15 1.3 3.25 0" />
      </svg>
    );
  }
  return (
    <svg role="img" aria-label={label} viewBox="0 0 16 16" className={className} fill="none" stroke="currentColor" strokeWidth="1.5">
      <title>{label}</title>
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
      <path d="M2 6.25h12M2 9.75h12M6.5 6.25v7.25" />
    </svg>
  );
}

/** An icon plus the port type's name, for tables. */
export function PortTypeLabel({ type }: { type: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap text-slate-600">
      <PortTypeIcon type={type} className="h-3.5 w-3.5 text-slate-400" />
      {portTypeLabel(type)}
    </span>
  );
}
