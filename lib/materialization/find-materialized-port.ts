import { db, type Db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { findOutputPortOrThrow, portUrn } from "@/lib/catalog/find-output-port-or-throw";
import { conflict, forbidden, MeshworkError } from "@/lib/errors";

/**
 * A table output port as materialization sees it, addressed by id or URN with the product's visibility rule (a port
 * the caller may not see is not found), with the topic port it is materialized from (null when none).
 */
export async function findMaterializedPortOrThrow(actor: Actor, ref: string, client: Db | Tx = db) {
  const port = await findOutputPortOrThrow(actor, ref, client);
  const name = portUrn(port.dataProduct.urn, port.name);
  if (port.type !== "table") throw new MeshworkError("validation_failed", `${name} is a topic port; materialization belongs to the table ports materialized from it.`, [{ path: "port", message: "must be a table output port" }]);
  const source = port.sourcePortId ? await client.port.findUnique({ where: { id: port.sourcePortId }, select: { id: true, name: true, location: true } }) : null;
  return { ...port, urn: name, source };
}

/** Pause, resume, replay and restart are the owning team's owners' (or an admin's). */
export function requireMaterializationOperator(actor: Actor, port: { urn: string; dataProduct: { teamId: string; urn: string } }, action: string): void {
  if (!isAdmin(actor) && !ownerOfTeam(actor, port.dataProduct.teamId)) throw forbidden(`Only owners of the team that owns ${port.dataProduct.urn} can ${action} ${port.urn}.`);
}

/** Pause, resume and restart act on a materialization: a table port materialized from no topic port has none (409). */
export function requireTopicSource<P extends { urn: string; source: { id: string; name: string; location: string | null } | null }>(port: P, verb: string): asserts port is P & { source: NonNullable<P["source"]> } {
  if (!port.source) throw conflict(`${port.urn} is not materialized from a topic port; there is nothing to ${verb}.`);
}

export const canOperateMaterialization = (actor: Actor, product: { teamId: string }) => isAdmin(actor) || ownerOfTeam(actor, product.teamId);
