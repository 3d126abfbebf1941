import { ContractEditor } from "@/components/contracts/contract-editor";
import { PortContractHeader } from "@/components/contracts/port-contract-header";
import { forbidden } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { portUrn } from "@/lib/catalog/find-output-port-or-throw";
import { productUrn } from "@/lib/catalog/product-input";
import { contractTemplate } from "@/lib/contracts/contract-template";
import { listContractVersions } from "@/lib/contracts/list-contract-versions";
import { orNotFound } from "@/lib/http/or-not-found";
import { pathParam } from "@/lib/http/path-param";

export const metadata = { title: "Edit contract" };

export default async function EditContractPage({ params }: { params: Promise<{ domain: string; slug: string; port: string }> }) {
  const { domain, slug, port: portName } = await params;
  const actor = await pageActor();
  const ref = portUrn(productUrn(pathParam(domain), pathParam(slug)), pathParam(portName));
  const { port, versions, canPublish } = await orNotFound(listContractVersions(actor, ref));
  const portHref = `/products/${port.product.domain.slug}/${port.product.slug}/ports/${port.name}`;
  const latest = versions[0] ?? null;
  const active = versions.find((v) => v.status === "active") ?? null;

  // Only the owning team publishes contracts; a retired product's contracts are read-only.
  if (!canPublish) forbidden();

  return (
    <div className="space-y-6" data-testid="edit-contract-page">
      <PortContractHeader
        portRef={ref}
        port={port}
        activeVersion={active?.version ?? null}
        canPublish={canPublish}
        current="Edit contract"
      />
      <ContractEditor portRef={ref} portHref={portHref} initialYaml={await contractTemplate(actor, ref)} latestVersion={latest?.version ?? null} initialSchemaType={latest?.schemaType === "JSON" ? "JSON" : "AVRO"} />
    </div>
  );
}
