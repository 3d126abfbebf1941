import Link from "next/link";
import { cache } from "react";
import { ContractTabs, type ContractTab } from "@/components/contracts/contract-tabs";
import { ContractView } from "@/components/contracts/contract-view";
import { ContractYaml } from "@/components/contracts/contract-yaml";
import { yamlDownloadUrl } from "@/components/contracts/contract-api";
import { NoContractYet } from "@/components/contracts/no-contract-yet";
import { PortContractHeader } from "@/components/contracts/port-contract-header";
import { VersionStatusBadge } from "@/components/contracts/version-status-badge";
import { VersionsPanel } from "@/components/contracts/versions-panel";
import { MaterializationPanel } from "@/components/materialization/materialization-panel";
import { FieldLineagePanel } from "@/components/lineage/field-lineage-panel";
import { getFieldLineage } from "@/lib/lineage/get-field-lineage";
import { jsonified } from "@/components/ui/jsonified";
import { PortAccessSettings, PortAccessSummary } from "@/components/subscriptions/port-access-settings";
import { RequestAccess } from "@/components/subscriptions/request-access";
import { pageActor } from "@/lib/auth/page-actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { portUrn } from "@/lib/catalog/find-output-port-or-throw";
import { productUrn } from "@/lib/catalog/product-input";
import type { OdcsContract } from "@/lib/contracts/contract-types";
import { getContractVersion } from "@/lib/contracts/get-contract-version";
import { listContractVersions } from "@/lib/contracts/list-contract-versions";
import { now } from "@/lib/clock";
import { getMaterializationStatus } from "@/lib/materialization/get-materialization-status";
import { orNotFound } from "@/lib/http/or-not-found";
import { pathParam } from "@/lib/http/path-param";
import { db } from "@/lib/db";
import { findSubscribablePortOrThrow } from "@/lib/subscriptions/find-subscribable-port";
import { FailingRows } from "@/components/quality/failing-rows";
import { getPortQuality } from "@/lib/quality/get-port-quality";

type Params = Promise<{ domain: string; slug: string; port: string }>;
type Search = Promise<{ tab?: string; version?: string }>;

const loadPort = cache(async (domain: string, slug: string, port: string) => {
  const actor = await pageActor();
  const ref = portUrn(productUrn(pathParam(domain), pathParam(slug)), pathParam(port));
  return { actor, ref, ...(await orNotFound(listContractVersions(actor, ref))) };
});

export async function generateMetadata({ params }: { params: Params }) {
  const { domain, slug, port } = await params;
  const loaded = await loadPort(domain, slug, port);
  return { title: `${loaded.port.name} · ${loaded.port.product.name} contract` };
}

export default async function PortContractPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { domain, slug, port: portName } = await params;
  const { tab: tabParam, version: versionParam } = await searchParams;
  const { actor, ref, port, versions, canPublish } = await loadPort(domain, slug, portName);
  const basePath = `/products/${port.product.domain.slug}/${port.product.slug}/ports/${port.name}`;
  const active = versions.find((v) => v.status === "active") ?? null;
  const selected = (versionParam && versions.find((v) => v.version === versionParam)) || active || versions[0] || null;
  const detail = selected ? await getContractVersion(actor, selected.id) : null;
  const tab: ContractTab = tabParam === "yaml" || tabParam === "versions" ? tabParam : "contract";
  const hrefFor = (t: ContractTab) => {
    const query = new URLSearchParams();
    if (t !== "contract") query.set("tab", t);
    if (versionParam && selected && selected.id !== active?.id) query.set("version", selected.version);
    const qs = query.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const editHref = `${basePath}/edit`;
  const access = await findSubscribablePortOrThrow(actor, port.id, db);
  const canSetAccess = (isAdmin(actor) || ownerOfTeam(actor, access.dataProduct.teamId)) && access.dataProduct.status !== "retired";
  const quality = await getPortQuality(actor, port.id);
  const accessSettings = { selfService: access.selfService, maxDurationDays: access.maxDurationDays, allowNoEnd: access.allowNoEnd };
  const materialization = port.type === "table" ? jsonified(await getMaterializationStatus(actor, ref)) : null;

  return (
    <div className="space-y-6" data-testid="port-contract-page">
      <PortContractHeader
        portRef={ref}
        port={port}
        activeVersion={active?.version ?? null}
        canPublish={canPublish}
        contractVersion={selected?.version}
        action={
          canPublish && versions.length > 0 ? (
            <Link href={editHref} className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700" data-testid="edit-contract">
              <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
                <path d="M8 3v10M3 8h10" />
              </svg>
              New version
            </Link>
          ) : access.dataProduct.status === "published" ? (
            <RequestAccess productName={access.dataProduct.name} ports={[port]} portId={port.id} teams={actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName }))} />
          ) : undefined
        }
      />

      {!canSetAccess && <PortAccessSummary access={accessSettings} />}

      {materialization && <MaterializationPanel portRef={ref} initial={materialization} renderedAt={now().getTime()} />}

      {!selected || !detail ? (
        <NoContractYet canPublish={canPublish} editHref={editHref} portName={port.name} />
      ) : (
        <>
          <ContractTabs current={tab} hrefFor={hrefFor} versionCount={versions.length} />
          {selected.id !== active?.id && tab !== "versions" && (
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900" data-testid="viewing-other-version">
              <span className="flex items-center gap-2">
                You are viewing version <span className="font-mono font-medium">{selected.version}</span> <VersionStatusBadge status={selected.status} />
              </span>
              {active && (
                <Link href={tab === "contract" ? basePath : `${basePath}?tab=${tab}`} className="font-medium text-amber-900 underline hover:no-underline">
                  Show the active version {active.version}
                </Link>
              )}
            </div>
          )}
          {tab === "contract" && <ContractView contract={detail.document as unknown as OdcsContract} />}
          {tab === "contract" && <FieldLineagePanel lineage={await getFieldLineage(actor, ref)} />}
          {tab === "yaml" && <ContractYaml yaml={detail.yaml} version={detail.version} downloadUrl={yamlDownloadUrl(detail.id)} />}
          {tab === "versions" && <VersionsPanel versions={versions} basePath={basePath} selectedId={selected.id} />}
        </>
      )}

      <FailingRows quality={jsonified(quality)} />

      {canSetAccess && <PortAccessSettings portRef={ref} initial={accessSettings} />}
    </div>
  );
}
