import Link from "next/link";
import { Card } from "@/components/ui/card";
import { StatusBar } from "./status-bar";

type DomainSummary = { slug: string; name: string; description: string; teams: { id: string; slug: string; name: string }[]; productCounts: Record<string, number> };

export function DomainCard({ domain }: { domain: DomainSummary }) {
  const total = Object.values(domain.productCounts).reduce((a, b) => a + b, 0);
  return (
    <Card testId="domain-card" className="group relative flex flex-col p-5 transition hover:border-slate-300 hover:shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-semibold text-slate-900">
          <Link href={`/domains/${domain.slug}`} className="after:absolute after:inset-0 after:rounded-xl group-hover:text-brand-700">
            {domain.name}
          </Link>
        </h2>
        <span className="shrink-0 rounded-md bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 tabular-nums">
          {total} {total === 1 ? "product" : "products"}
        </span>
      </div>
      {domain.description && <p className="mt-1.5 line-clamp-2 text-sm text-slate-500">{domain.description}</p>}
      <div className="mt-4">
        <StatusBar counts={domain.productCounts} />
      </div>
      <div className="mt-auto pt-4">
        <p className="mb-1.5 text-xs font-medium text-slate-500">{domain.teams.length === 1 ? "1 team" : `${domain.teams.length} teams`}</p>
        <ul className="flex flex-wrap gap-1.5">
          {domain.teams.map((t) => (
            <li key={t.id}>
              <Link href={`/domains/${domain.slug}#team-${t.slug}`} className="relative z-10 inline-block rounded-md border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs text-slate-700 hover:border-slate-300 hover:bg-white">
                {t.name}
              </Link>
            </li>
          ))}
          {domain.teams.length === 0 && <li className="text-xs text-slate-400">No teams yet</li>}
        </ul>
      </div>
    </Card>
  );
}
