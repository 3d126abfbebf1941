import Link from "next/link";
import { Tag } from "@/components/ui/badge";
import { ClassificationBadge, StatusBadge } from "@/components/ui/product-badges";
import { PortTypeIcon } from "@/components/ui/port-type-icon";
import { formatDateTime, formatRelative } from "@/components/ui/format-date";
import { QualityBadge } from "@/components/quality/quality-badge";
import type { SearchResult } from "./search-types";

export function ResultCard({ result, now }: { result: SearchResult; now: number }) {
  const href = `/products/${result.domain.slug}/${result.slug}`;
  return (
    <article data-testid="search-result" className="group relative rounded-xl border border-slate-200 bg-white p-4 transition hover:border-slate-300 hover:shadow-sm">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1.5">
        <h3 className="text-[15px] font-semibold text-slate-900">
          <Link href={href} data-testid="search-result-link" className="after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none group-focus-within:text-brand-700 hover:text-brand-700">
            {result.name}
          </Link>
        </h3>
        <StatusBadge status={result.status} />
        <ClassificationBadge classification={result.classification} />
        <QualityBadge summary={result.quality} />
        <span className="ml-auto flex items-center gap-1.5 text-slate-400">
          {result.portTypes.map((t) => (
            <PortTypeIcon key={t} type={t} className="h-4 w-4" />
          ))}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        <Link href={`/domains/${result.domain.slug}`} className="relative z-10 font-medium text-slate-600 hover:text-brand-700 hover:underline">
          {result.domain.name}
        </Link>
        <span className="mx-1.5 text-slate-300">/</span>
        <Link href={`/domains/${result.domain.slug}#team-${result.team.slug}`} className="relative z-10 hover:text-brand-700 hover:underline">
          {result.team.name}
        </Link>
        <span className="mx-1.5 text-slate-300">·</span>
        <time dateTime={result.updatedAt} title={formatDateTime(result.updatedAt)}>
          updated {formatRelative(result.updatedAt, now)}
        </time>
      </p>
      {result.snippet && (
        // The API escapes the snippet and only adds <mark> around the matches.
        <p data-testid="search-result-snippet" className="mt-2 line-clamp-2 text-sm leading-relaxed text-slate-600" dangerouslySetInnerHTML={{ __html: result.snippet }} />
      )}
      {result.tags.length > 0 && (
        <div className="mt-3 flex flex-wrap gap-1.5">
          {result.tags.map((t) => (
            <Tag key={t}>{t}</Tag>
          ))}
        </div>
      )}
    </article>
  );
}
