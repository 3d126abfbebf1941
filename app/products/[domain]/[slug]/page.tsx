import { cache } from "react";
import { Section } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { LifecycleBanner } from "@/components/product/lifecycle-banner";
import { LineageSection } from "@/components/lineage/lineage-section";
import { OwnershipCard } from "@/components/product/ownership-card";
import { InputPortsTable, OutputPortsTable } from "@/components/product/ports-tables";
import { MaterializationPanel } from "@/components/materialization/materialization-panel";
import { ProductHeader } from "@/components/product/product-header";
import { ConsumersCard } from "@/components/subscriptions/consumers-card";
import { QualityPanel } from "@/components/quality/quality-panel";
import { getProductQuality } from "@/lib/quality/get-product-quality";
import { jsonified } from "@/components/ui/jsonified";
import { pageActor } from "@/lib/auth/page-actor";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { now } from "@/lib/clock";
import { getMaterializationStatus } from "@/lib/materialization/get-materialization-status";
import { listPortConsumers } from "@/lib/subscriptions/list-port-consumers";
import { orNotFound } from "@/lib/http/or-not-found";
import { pathParam } from "@/lib/http/path-param";

type Params = Promise<{ domain: string; slug: string }>;

const loadProduct = cache(async (domain: string, slug: string) => {
  const actor = await pageActor();
  const product = await orNotFound(getDataProduct(actor, `urn:meshwork:${pathParam(domain)}:${pathParam(slug)}`));
  return { actor, product };
});

export async function generateMetadata({ params }: { params: Params }) {
  const { domain, slug } = await params;
  const { product } = await loadProduct(domain, slug);
  return { title: product.name, description: product.description.slice(0, 160) };
}

export default async function ProductPage({ params }: { params: Params }) {
  const { domain, slug } = await params;
  const { actor, product } = await loadProduct(domain, slug);
  // Access is granted to a team: the caller's teams are the ones that can consume; only a published product takes new consumers.
  const consumerTeams = product.status === "published" ? actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName })) : undefined;
  const consumers = await listPortConsumers(actor, product.id);
  const quality = await getProductQuality(actor, { id: product.id, teamId: product.team.id });
  const productHref = `/products/${product.domain.slug}/${product.slug}`;
  const renderedAt = now().getTime();
  // Each table port materialized from a topic: its live status (rows arriving, lag), in detail on the port page.
  const materialized = await Promise.all(
    product.outputPorts.filter((p) => p.type === "table" && p.materializedFrom).map(async (p) => ({ port: p, status: jsonified(await getMaterializationStatus(actor, `${product.urn}:${p.name}`)) })),
  );
  return (
    <div className="space-y-6" data-testid="product-page">
      <ProductHeader product={product} consumerTeams={consumerTeams} subscribingTeams={consumers.teamCount} />
      <LifecycleBanner product={product} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Section id="overview" title="Overview">
            <div data-testid="product-description" className="px-5 py-4 text-sm leading-relaxed whitespace-pre-line text-slate-700">
              {product.description || <span className="text-slate-400">The owners have not described this product yet.</span>}
            </div>
          </Section>
          <OutputPortsTable ports={product.outputPorts} productHref={`/products/${product.domain.slug}/${product.slug}`} requestAccess={consumerTeams && { productName: product.name, teams: consumerTeams }} />
          {materialized.map(({ port, status }) => (
            <MaterializationPanel key={port.id} portRef={status.port} initial={status} renderedAt={renderedAt} compact title={`Materialization · ${port.name}`} portHref={`${productHref}/ports/${port.name}`} />
          ))}
          <QualityPanel quality={jsonified(quality)} productHref={`/products/${product.domain.slug}/${product.slug}`} />
          <InputPortsTable ports={product.inputPorts} />
          <LineageSection actor={actor} urn={product.urn} />
        </div>
        <div className="space-y-6">
          <OwnershipCard product={product} />
          <ConsumersCard productId={product.id} initial={jsonified(consumers)} />
          <Section id="details" title="Details">
            <dl className="space-y-3 px-5 py-4 text-sm">
              <div>
                <dt className="text-xs font-medium text-slate-500">Registered</dt>
                <dd className="text-slate-800">
                  <time dateTime={product.createdAt.toISOString()}>{formatDateTime(product.createdAt)}</time>
                </dd>
              </div>
            </dl>
          </Section>
        </div>
      </div>
    </div>
  );
}
