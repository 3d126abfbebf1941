import { notFound, redirect } from "next/navigation";
import { pageActor } from "@/lib/auth/page-actor";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { MeshworkError } from "@/lib/errors";

/** A product's URN resolved to its stable page URL. */
export default async function ProductByUrnPage({ params }: { params: Promise<{ urn: string }> }) {
  const actor = await pageActor();
  const { urn } = await params;
  let product;
  try {
    product = await getDataProduct(actor, decodeURIComponent(urn));
  } catch (error) {
    if (error instanceof MeshworkError && error.code === "not_found") notFound();
    throw error;
  }
  redirect(`/products/${product.domain.slug}/${product.slug}`);
}
