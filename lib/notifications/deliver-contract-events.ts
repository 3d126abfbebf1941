import { db } from "@/lib/db";
import type { ContractChange } from "@/lib/contracts/contract-change";
import { notify } from "./notify";

type EventRow = { id: bigint; port_id: string; contract_version_id: string; diff: unknown };

/** Breaking changes first, then the rest, each group in the diff's own order. */
export function breakingFirst(changes: ContractChange[]): ContractChange[] {
  return [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
}

/**
 * Delivers undelivered contract_event rows: a "contract.activated" notification (with the semantic diff, breaking
 * changes first) to every team with an open subscription to the port, then marks the row delivered, each row in one
 * transaction with its notifications. Rows are claimed with SKIP LOCKED, so two workers never deliver one twice.
 * Returns how many rows it delivered.
 */
export async function deliverContractEvents({ batch = 50 }: { batch?: number } = {}): Promise<number> {
  let delivered = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<EventRow[]>`
        SELECT id, port_id::text, contract_version_id::text, diff FROM contract_event
        WHERE delivered_at IS NULL ORDER BY id LIMIT ${batch}::int FOR UPDATE SKIP LOCKED`;
      for (const row of rows) {
        const port = await tx.port.findUnique({
          where: { id: row.port_id },
          select: {
            name: true,
            location: true,
            dataProduct: { select: { urn: true, name: true, slug: true, domain: { select: { slug: true } } } },
            subscriptions: { where: { state: { in: ["active", "provisioning"] } }, select: { consumerTeamId: true } },
          },
        });
        const diff = (row.diff ?? {}) as { version?: string; previousVersion?: string | null; changes?: ContractChange[] };
        const changes = breakingFirst(Array.isArray(diff.changes) ? diff.changes : []);
        const breaking = changes.filter((c) => c.breaking).length;
        const teamIds = [...new Set(port?.subscriptions.map((s) => s.consumerTeamId) ?? [])];
        if (port && teamIds.length > 0) {
          const product = port.dataProduct;
          const summary = changes.length === 0 ? "No schema changes." : `${changes.length} change(s)${breaking > 0 ? `, ${breaking} breaking` : ", none breaking"}:`;
          await notify(tx, {
            kind: "contract.activated",
            title: `Contract ${diff.version ?? ""} is active on ${product.name} · ${port.name}${breaking > 0 ? ` (${breaking} breaking)` : ""}`,
            body: [summary, ...changes.slice(0, 20).map((c) => `${c.breaking ? "BREAKING: " : ""}${c.message}`), ...(changes.length > 20 ? [`… and ${changes.length - 20} more`] : [])].join("\n"),
            link: `/products/${product.domain.slug}/${product.slug}/ports/${encodeURIComponent(port.name)}`,
            data: {
              product: product.urn,
              port: port.name,
              location: port.location,
              contractVersionId: row.contract_version_id,
              version: diff.version ?? null,
              previousVersion: diff.previousVersion ?? null,
              breakingChanges: breaking,
              changes,
            },
            recipients: { teamIds },
          });
        }
        await tx.contractEvent.update({ where: { id: row.id }, data: { deliveredAt: new Date() } });
      }
      return rows.length;
    });
    delivered += done;
    if (done < batch) return delivered;
  }
}
