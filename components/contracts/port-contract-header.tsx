import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { CopyableId } from "@/components/ui/copyable-id";
import { PortTypeIcon, portTypeLabel } from "@/components/ui/port-type-icon";
import type { listContractVersions } from "@/lib/contracts/list-contract-versions";
import { CompatibilitySelect } from "./compatibility-select";

type Port = Awaited<ReturnType<typeof listContractVersions>>["port"];

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 flex items-center gap-1 text-sm text-slate-800">{children}</dd>
    </div>
  );
}

/** Breadcrumb, port name, where the data lives, compatibility mode and the active version; `contractVersion` is the version shown. */
export function PortContractHeader({ portRef, port, activeVersion, canPublish, current, contractVersion, action }: { portRef: string; port: Port; activeVersion: string | null; canPublish: boolean; current?: string; contractVersion?: string; action?: ReactNode }) {
  const productHref = `/products/${port.product.domain.slug}/${port.product.slug}`;
  const portHref = `${productHref}/ports/${port.name}`;
  return (
    <header className="space-y-4" data-testid="port-header">
      <Breadcrumbs
        items={[
          { label: "Domains", href: "/domains" },
          { label: port.product.domain.name, href: `/domains/${port.product.domain.slug}` },
          { label: port.product.name, href: productHref },
          { label: port.name, href: portHref },
          ...(current ? [{ label: current }] : contractVersion ? [{ label: `Contract v${contractVersion}` }] : []),
        ]}
      />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <span className="grid h-9 w-9 place-items-center rounded-lg bg-brand-50 text-brand-600 ring-1 ring-brand-100">
              <PortTypeIcon type={port.type} className="h-5 w-5" />
            </span>
            <div>
              <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-testid="port-name">
                {current ? `${current}: ${port.name}` : port.name}
              </h1>
              <p className="text-sm text-slate-500">
                Output port of{" "}
                <Link href={productHref} className="font-medium text-slate-700 hover:text-brand-700 hover:underline">
                  {port.product.name}
                </Link>
              </p>
            </div>
          </div>
        </div>
        {action}
      </div>
      <dl className="grid grid-cols-2 gap-4 rounded-xl border border-slate-200 bg-white px-5 py-3.5 shadow-[0_1px_2px_rgba(15,23,42,0.04)] md:grid-cols-4">
        <Fact label={port.type === "kafka_topic" ? "Topic" : port.type === "table" ? "Table" : portTypeLabel(port.type)}>
          {port.location ? (
            <CopyableId value={port.location} label="name" testId="port-location" />
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </Fact>
        <Fact label="Port URN">
          <CopyableId value={portRef} label="port URN" testId="port-urn" />
        </Fact>
        <Fact label="Compatibility mode">
          {/* The policy goes under the select when the column is too narrow for both, instead of running into the next one. */}
          <span className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
            <CompatibilitySelect portRef={portRef} mode={port.compatibilityMode} canChange={canPublish} />
            <span className="whitespace-nowrap text-xs text-slate-500" data-testid="json-schema-policy" title="JSON Schema changes follow Confluent's rules, except that an optional property may be added to an open object">
              JSON Schema: {port.jsonSchemaPolicy}
            </span>
          </span>
        </Fact>
        <Fact label="Active version">
          {activeVersion ? (
            <Badge tone="green" dot testId="active-version">
              v{activeVersion}
            </Badge>
          ) : (
            <span className="text-slate-400" data-testid="active-version">None yet</span>
          )}
        </Fact>
      </dl>
    </header>
  );
}
