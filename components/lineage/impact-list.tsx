import Link from "next/link";
import type { PortImpact } from "@/lib/lineage/analyze-impact";

type Downstream = PortImpact["downstream"] | { products: PortImpact["downstream"]["products"]; teams: PortImpact["downstream"]["teams"]; hiddenProducts: number; ports?: PortImpact["downstream"]["ports"] };

const productHref = (p: { domain: string; slug: string }) => `/products/${p.domain}/${p.slug}`;
const portHref = (p: { domain: string; slug: string; name: string }) => `/products/${p.domain}/${p.slug}/ports/${p.name}`;
const VIA = { descriptor: "descriptor mapping", openlineage: "OpenLineage", materialization: "materialized" } as const;

/**
 * What a change reaches downstream: products, subscribing teams, and — where field lineage exists — the downstream
 * fields that read each removed, renamed or retyped field. Products the viewer may not see are counted, not named.
 */
export function ImpactList({ summary, fields = [], downstream, impacted, heading = "Impact downstream", headingLevel = 2 }: { summary?: string; fields?: PortImpact["fields"]; downstream: Downstream; impacted: boolean; heading?: string; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const read = fields.filter((f) => f.readBy.length + f.hiddenReaders > 0);
  const nothing = downstream.products.length === 0 && downstream.teams.length === 0 && downstream.hiddenProducts === 0 && read.length === 0;
  return (
    <section aria-labelledby="impact-heading" data-testid="impact-list" data-impacted={impacted} className={`rounded-xl border p-4 text-sm shadow-[0_1px_2px_rgba(15,23,42,0.04)] ${impacted ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
      <H id="impact-heading" className="font-semibold text-slate-900">
        {heading}
      </H>
      {summary && <p className={`mt-1 ${impacted ? "text-amber-900" : "text-slate-700"}`} data-testid="impact-summary">{summary}</p>}
      {nothing ? null : (
        <div className="mt-3 space-y-3">
          {read.length > 0 && (
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-700">Downstream fields that read a changed field</p>
              <ul className="mt-1 space-y-2">
                {read.map((f) => (
                  <li key={`${f.field}-${f.kind}`} data-testid="impact-field" data-field={f.field}>
                    <p className="text-slate-900">
                      <code className="font-mono text-[13px] font-semibold">{f.field}</code> <span className="text-slate-700">— {f.message}</span>
                    </p>
                    <ul className="mt-0.5 space-y-0.5 border-l-2 border-amber-300 pl-3">
                      {f.readBy.map((r, i) => (
                        <li key={i} data-testid="impact-reader">
                          {r.port ? (
                            <Link href={`${portHref(r.port)}#field-${encodeURIComponent(r.field)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                              {r.port.productName} · {r.port.name} · <code className="font-mono text-[13px]">{r.field}</code>
                            </Link>
                          ) : (
                            <code className="font-mono text-[13px] text-slate-800">
                              {r.dataset?.namespace}/{r.dataset?.name}.{r.field}
                            </code>
                          )}{" "}
                          <span className="text-xs text-slate-700">
                            ({VIA[r.via]}
                            {r.hops > 1 ? `, ${r.hops} hops downstream` : ""})
                          </span>
                        </li>
                      ))}
                      {f.hiddenReaders > 0 && <li className="text-slate-700">{f.hiddenReaders} field{f.hiddenReaders === 1 ? "" : "s"} of products you cannot see</li>}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {(downstream.products.length > 0 || downstream.hiddenProducts > 0) && (
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-700">Downstream products</p>
              <ul className="mt-1 space-y-0.5" data-testid="impact-products">
                {downstream.products.map((p) => (
                  <li key={p.urn} data-testid="impact-product" data-urn={p.urn}>
                    <Link href={productHref(p)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {p.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-700">
                      team {p.team}
                      {p.hops > 1 ? ` · ${p.hops} hops away` : ""}
                    </span>
                  </li>
                ))}
                {downstream.hiddenProducts > 0 && (
                  <li className="text-slate-700" data-testid="impact-hidden">
                    {downstream.hiddenProducts} product{downstream.hiddenProducts === 1 ? "" : "s"} you cannot see
                  </li>
                )}
              </ul>
            </div>
          )}
          {downstream.teams.length > 0 && (
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-700">Subscribing teams</p>
              <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="impact-teams">
                {downstream.teams.map((t) => (
                  <li key={t.id} className="rounded-full border border-slate-300 bg-white px-2 py-0.5 text-xs text-slate-800">
                    {t.name} <span className="text-slate-600">({t.domain}{t.hops > 1 ? ` · ${t.hops} hops away` : ""})</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
