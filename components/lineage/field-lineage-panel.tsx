import Link from "next/link";
import { Section } from "@/components/ui/card";
import type { FieldLineage } from "@/lib/lineage/get-field-lineage";
import type { FieldLink } from "@/lib/lineage/field-links";

const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-600";
const td = "px-3 py-2 align-top";

const VIA: Record<FieldLink["via"], string> = { descriptor: "descriptor mapping", openlineage: "OpenLineage", materialization: "materialized" };

export const portHref = (p: { domain: string; slug: string; name: string }) => `/products/${p.domain}/${p.slug}/ports/${p.name}`;

function LinkItem({ link }: { link: FieldLink }) {
  return (
    <li className="flex flex-wrap items-baseline gap-x-1.5" data-testid="field-link">
      {link.port ? (
        <Link href={`${portHref(link.port)}#field-${encodeURIComponent(link.field)}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {link.port.productName}
          <span className="text-slate-600"> · {link.port.name} · </span>
          <code className="font-mono text-[13px]">{link.field}</code>
        </Link>
      ) : (
        <span title="Seen in lineage, not in the catalog" className="text-slate-700">
          <code className="font-mono text-[13px]">
            {link.dataset?.namespace}/{link.dataset?.name}.{link.field}
          </code>
        </span>
      )}
      <span className="text-xs text-slate-600">
        ({VIA[link.via]}
        {link.job ? `, job ${link.job.name}` : ""})
      </span>
    </li>
  );
}

function Links({ links, hidden, empty }: { links: FieldLink[]; hidden: number; empty: string }) {
  if (links.length === 0 && hidden === 0) return <span className="text-slate-600">{empty}</span>;
  return (
    <ul className="space-y-1">
      {links.map((l, i) => (
        <LinkItem key={i} link={l} />
      ))}
      {hidden > 0 && (
        <li className="text-slate-600" data-testid="field-link-hidden">
          {hidden} field{hidden === 1 ? "" : "s"} of products you cannot see
        </li>
      )}
    </ul>
  );
}

/** For each field of the port's contract: where it comes from and where it goes, with links to those ports. */
export function FieldLineagePanel({ lineage }: { lineage: FieldLineage }) {
  const known = lineage.fields.some((f) => f.from.length + f.to.length + f.hiddenFrom + f.hiddenTo > 0);
  return (
    <Section
      id="field-lineage"
      title="Field lineage"
      description={
        known
          ? "Where each field comes from and which fields downstream read it: from product descriptors (inputPorts[].fields), OpenLineage column lineage and materialization."
          : "No field lineage is known yet. Map fields in a reading product's descriptor (inputPorts[].fields) or send OpenLineage events with a columnLineage facet."
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="field-lineage">
          <thead className="border-b border-slate-100 bg-slate-50/60">
            <tr>
              <th scope="col" className={`${th} pl-5`}>Field</th>
              <th scope="col" className={th}>Comes from</th>
              <th scope="col" className={`${th} pr-5`}>Goes to</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lineage.fields.map((f) => (
              <tr key={f.name} id={`field-${encodeURIComponent(f.name)}`} data-testid="field-lineage-row" data-field={f.name} className="scroll-mt-20 target:bg-amber-50">
                <td className={`${td} pl-5`}>
                  <code className="font-mono text-[13px] font-medium text-slate-900">{f.name}</code>
                  <span className="ml-2 font-mono text-xs text-violet-700">{f.logicalType}</span>
                </td>
                <td className={td}>
                  <Links links={f.from} hidden={f.hiddenFrom} empty="—" />
                </td>
                <td className={`${td} pr-5`}>
                  <Links links={f.to} hidden={f.hiddenTo} empty="—" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
