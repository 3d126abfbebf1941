import { Badge } from "@/components/ui/badge";

function Line({ line }: { line: string }) {
  return line.startsWith("BREAKING: ") ? (
    <>
      <Badge tone="red">Breaking</Badge> {line.slice("BREAKING: ".length)}
    </>
  ) : (
    <>{line}</>
  );
}

/**
 * A notification's detail lines; a contract diff's breaking lines get a "Breaking" badge instead of the prefix.
 * Compact (inside the bell's buttons) it is phrasing content only, its first three lines.
 */
export function NotificationBody({ body, compact = false }: { body: string | null; compact?: boolean }) {
  if (!body) return null;
  const lines = body.split("\n").filter((l) => l.trim() !== "");
  if (compact) {
    const shown = lines.slice(0, 3);
    return (
      <span className="mt-1 block space-y-0.5 text-sm text-slate-700">
        {shown.map((line, i) => (
          <span key={i} className="block truncate">
            <Line line={line} />
          </span>
        ))}
        {shown.length < lines.length && <span className="block text-slate-600">… {lines.length - shown.length} more</span>}
      </span>
    );
  }
  return (
    <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
      {lines.map((line, i) => (
        <li key={i} className="break-words">
          <Line line={line} />
        </li>
      ))}
    </ul>
  );
}
