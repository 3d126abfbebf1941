import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { canSeeProduct } from "@/lib/auth/permissions";
import { parsePortUrn } from "@/lib/catalog/find-output-port-or-throw";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/** An output port by id or URN with what access requests and settings need; ports of hidden products are not found. */
export async function findSubscribablePortOrThrow(actor: Actor, ref: string, tx: Tx | Db) {
  const byUrn = parsePortUrn(ref);
  const where = isUuid(ref) ? { id: ref } : byUrn ? { name: byUrn.port, dataProduct: { urn: byUrn.productUrn } } : null;
  const port = where
    ? await tx.port.findFirst({
        where: { ...where, direction: "output" },
        select: {
          id: true,
          name: true,
          type: true,
          location: true,
          selfService: true,
          maxDurationDays: true,
          allowNoEnd: true,
          dataProduct: { select: { id: true, urn: true, name: true, teamId: true, status: true, classification: true, containsPersonalData: true, team: { select: { name: true } } } },
        },
      })
    : null;
  if (!port || !canSeeProduct(actor, port.dataProduct)) throw notFound(`Output port ${ref}`);
  return port;
}

export type SubscribablePort = Awaited<ReturnType<typeof findSubscribablePortOrThrow>>;
