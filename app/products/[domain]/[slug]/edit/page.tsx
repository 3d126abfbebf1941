import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { ProductForm } from "@/components/product-form/product-form";
import { valuesFromProduct } from "@/components/product-form/values-from-product";
import { forbidden } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { productUrn } from "@/lib/catalog/product-input";
import { orNotFound } from "@/lib/http/or-not-found";

export const metadata = { title: "Edit data product" };

export default async function EditProductPage({ params }: { params: Promise<{ domain: string; slug: string }> }) {
  const { domain, slug } = await params;
  const actor = await pageActor();
  const product = await orNotFound(getDataProduct(actor, productUrn(domain, slug)));
  const url = `/products/${product.domain.slug}/${product.slug}`;

  // Only the owning team and admins edit; a retired product is read-only.
  if (!product.permissions.canEdit) forbidden();

  return (
    <div className="space-y-6">
      <header>
        <Breadcrumbs items={[{ label: "Domains", href: "/domains" }, { label: product.domain.name, href: `/domains/${product.domain.slug}` }, { label: product.name, href: url }, { label: "Edit" }]} />
        <h1 className="mt-3 text-2xl font-semibold tracking-tight">Edit {product.name}</h1>
      </header>
      <ProductForm mode="edit" initial={valuesFromProduct(product)} product={{ id: product.id, urn: product.urn, url, teamLabel: `${product.domain.name} / ${product.team.name}` }} />
    </div>
  );
}
