import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export async function getContractVersion(actor: Actor, versionId: string) {
  const version = isUuid(versionId)
    ? await db.contractVersion.findUnique({
        where: { id: versionId },
        include: { port: { select: { id: true, name: true, type: true, location: true, compatibilityMode: true, dataProduct: { select: { id: true, urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true } } } } } } },
      })
    : null;
  if (!version || !canSeeProduct(actor, version.port.dataProduct)) throw notFound(`Contract version ${versionId}`);
  return version;
}
