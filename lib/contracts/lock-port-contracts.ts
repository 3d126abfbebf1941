import type { Tx } from "@/lib/db";

/**
 * Takes the port's row lock for the rest of the transaction, so that publishing, approving and rejecting its
 * contract versions run one after the other: each then sees the active version the previous one left.
 */
export async function lockPortContracts(tx: Tx, portId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "port" WHERE id = ${portId}::uuid FOR NO KEY UPDATE`;
}
