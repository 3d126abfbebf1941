import Link from "next/link";
import type { DataProductDetail } from "@/lib/catalog/get-data-product";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PortTypeLabel } from "@/components/ui/port-type-icon";
import { RequestAccess, type ConsumerTeam } from "@/components/subscriptions/request-access";

const th = "px-5 py-2.5 text-left text-xs font-medium whitespace-nowrap text-slate-500";
const td = "px-5 py-3 align-top";

function Location({ value }: { value: string | null }) {
  return value ? <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs whitespace-nowrap text-slate-700">{value}</code> : <span className="text-slate-400">—</span>;
}

/** `requestAccess`, when given, adds a "Request access" link to each row (the product is open to subscriptions). */
export function OutputPortsTable({ ports, productHref, requestAccess }: { ports: DataProductDetail["outputPorts"]; productHref: string; requestAccess?: { productName: string; teams: ConsumerTeam[] } }) {
  return (
    <Section id="output-ports" title="Output ports" description="What this product shares: the stream and the tables materialized from it.">
      {ports.length === 0 ? (
        <EmptyState compact icon={null} title="No output ports yet" />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="output-ports">
            <thead className="border-b border-slate-100 bg-slate-50/60">
              <tr>
                <th scope="col" className={th}>Name</th>
                <th scope="col" className={th}>Type</th>
                <th scope="col" className={th}>Topic / table</th>
                <th scope="col" className={th}>Materialized from</th>
                <th scope="col" className={th}>Contract</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ports.map((p) => (
                <tr key={p.id} data-testid="output-port">
                  <td className={td}>
                    <Link href={`${productHref}/ports/${p.name}`} className="font-medium text-slate-900 hover:text-brand-600 hover:underline">
                      {p.name}
                    </Link>
                    {p.description && <p className="mt-0.5 max-w-xs text-xs text-slate-500">{p.description}</p>}
                    {requestAccess && (
                      <div className="mt-1.5">
                        <RequestAccess productName={requestAccess.productName} teams={requestAccess.teams} ports={ports} portId={p.id} compact />
                      </div>
                    )}
                  </td>
                  <td className={td}>
                    <PortTypeLabel type={p.type} />
                  </td>
                  <td className={td}>
                    <Location value={p.location} />
                  </td>
                  <td className={`${td} text-slate-600`}>{p.materializedFrom ?? <span className="text-slate-400">—</span>}</td>
                  <td className={td}>
                    <Link href={`${productHref}/ports/${p.name}`} className="whitespace-nowrap text-brand-600 hover:underline" data-testid="port-contract-link">
                      {p.activeContract ? `v${p.activeContract.version}` : "No contract yet"}
                    </Link>
                    <p className="mt-0.5 text-xs text-slate-500">{p.compatibilityMode.replace("_", " ").toLowerCase()}</p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

export function InputPortsTable({ ports }: { ports: DataProductDetail["inputPorts"] }) {
  return (
    <Section id="input-ports" title="Input ports" description="The upstream data this product is built from.">
      {ports.length === 0 ? (
        <EmptyState compact icon={null} title="No input ports">
          This product is a source: it reads from no other data product.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="input-ports">
            <thead className="border-b border-slate-100 bg-slate-50/60">
              <tr>
                <th scope="col" className={th}>Name</th>
                <th scope="col" className={th}>Type</th>
                <th scope="col" className={th}>Reads from</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ports.map((p) => (
                <tr key={p.id} data-testid="input-port">
                  <td className={td}>
                    <p className="font-medium text-slate-900">{p.name}</p>
                    {p.description && <p className="mt-0.5 max-w-xs text-xs text-slate-500">{p.description}</p>}
                  </td>
                  <td className={td}>
                    <PortTypeLabel type={p.type} />
                  </td>
                  <td className={td}>
                    {p.from ? (
                      <div className="space-y-1">
                        <p>
                          <Link href={`/products/by-urn/${encodeURIComponent(p.from.urn)}`} className="font-medium text-brand-700 hover:underline">
                            {p.from.name}
                          </Link>
                          <span className="text-slate-400"> · </span>
                          <span className="text-slate-600">{p.from.port}</span>
                        </p>
                        {p.from.location && <Location value={p.from.location} />}
                      </div>
                    ) : (
                      <span className="text-slate-400" title="The upstream product is not visible to you, or the port is not connected.">
                        Not visible to you
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
