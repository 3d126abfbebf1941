import { CopyButton } from "./copy-button";

/** An id or URN that may be cut off to fit: the full value is its tooltip, and the button copies it. */
export function CopyableId({ value, label, testId, className = "" }: { value: string; label: string; testId?: string; className?: string }) {
  return (
    <span className={`flex min-w-0 items-center gap-1 ${className}`}>
      <code data-testid={testId} title={value} className="min-w-0 truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
        {value}
      </code>
      <CopyButton value={value} label={`Copy ${label}`} />
    </span>
  );
}
