import type { ReactNode } from "react";
import { safeHref } from "@/lib/safe-url";

type Props = { href: string | null | undefined; className?: string; textClassName?: string; children: ReactNode; "data-testid"?: string };

/** A link to somewhere a contract or descriptor names; any scheme but http(s) and mailto renders as plain text. */
export function ExternalLink({ href, className, textClassName, children, "data-testid": testId }: Props) {
  const safe = safeHref(href);
  if (!safe) return <span className={textClassName ?? className} data-testid={testId}>{children}</span>;
  return (
    <a href={safe} className={className} data-testid={testId}>
      {children}
    </a>
  );
}
