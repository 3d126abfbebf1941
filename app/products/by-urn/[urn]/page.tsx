import { redirect } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { orNotFound } from "@/lib/http/or-not-found";
import { pathParam } from "@/lib/http/path-param";

/** A product's URN resolved to its stable page URL. */
export default async function ProductByUrnPage({ params }: { params: Promise<{ urn: string }> }) {
  const actor = await pageActor();
  const { urn } = await params;
  const product = await orNotFound(getDataProduct(actor, pathParam(urn)));
  redirect(`/products/${product.domain.slug}/${product.slug}`);
}
