import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { findSubscribablePortOrThrow } from "./find-subscribable-port";

/** An output port's access settings, for everyone who may see its product; `canEdit` says whether the caller may change them. */
export async function getPortAccess(actor: Actor, portRef: string) {
  const port = await findSubscribablePortOrThrow(actor, portRef, db);
  return {
    port: `${port.dataProduct.urn}:${port.name}`,
    selfService: port.selfService,
    maxDurationDays: port.maxDurationDays,
    allowNoEnd: port.allowNoEnd,
    canEdit: isAdmin(actor) || ownerOfTeam(actor, port.dataProduct.teamId),
  };
}
