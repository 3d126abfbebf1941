import { db, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { canonicalEventSql, chainHash } from "./audit-chain";

// Advisory lock only the sealer takes (72707 is the migrator's, 72708 the job runners' liveness namespace).
const SEALER_LOCK = 72709;

export type SealResult = {
  /** Events chained by this call. */
  sealed: number;
  /** The chain's last position afterwards. */
  lastSeq: bigint;
  /** True when another sealer held the lock, so this call sealed nothing. */
  busy: boolean;
};

/**
 * Chains the committed, not yet sealed audit events onto the end of the chain, in id order, a batch per transaction:
 * each gets the next position (seq), the hash of the one before it and its own hash. Writers never wait for this:
 * they only insert, and only the sealer takes its advisory lock. An event that commits late with a smaller id than
 * events already sealed is simply sealed later, further down the chain: the chain's order is the sealing order, stored.
 */
export async function sealAuditEvents({ client = db, batchSize = 500 }: { client?: Db; batchSize?: number } = {}): Promise<SealResult> {
  let sealed = 0;
  for (;;) {
    const batch = await client.$transaction(async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEALER_LOCK}::bigint) AS locked`;
      if (!locked) return null;
      const [head] = await tx.$queryRaw<{ lastSeq: bigint; lastHash: string }[]>`SELECT last_seq AS "lastSeq", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1 FOR UPDATE`;
      if (!head) throw new Error("The audit chain's head row (audit_chain_head) is missing: the chain cannot go on. Verify the audit log.");
      const seq = Prisma.sql`(${head.lastSeq}::bigint + row_number() OVER (ORDER BY e.id))`;
      const rows = await tx.$queryRaw<{ id: bigint; seq: bigint; canonical: string }[]>`
        SELECT u.id, u.seq, u.canonical FROM (
          SELECT e.id, ${seq} AS seq, ${canonicalEventSql(seq)} AS canonical
          FROM (SELECT * FROM audit_event WHERE seq IS NULL ORDER BY id LIMIT ${batchSize}) e
        ) u ORDER BY u.seq`;
      if (rows.length === 0) return { count: 0, lastSeq: head.lastSeq };
      let prev = head.lastHash;
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        prevs.push(prev);
        prev = chainHash(prev, row.canonical);
        hashes.push(prev);
      }
      const ids = rows.map((r) => r.id.toString());
      const seqs = rows.map((r) => r.seq.toString());
      await tx.$executeRaw`
        UPDATE audit_event a SET seq = v.seq, prev_hash = v.prev, hash = v.hash
        FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) AS v(id, seq, prev, hash)
        WHERE a.id = v.id AND a.seq IS NULL`;
      const lastSeq = rows.at(-1)!.seq;
      await tx.$executeRaw`UPDATE audit_chain_head SET last_seq = ${lastSeq}, last_hash = ${prev}, sealed_at = now() WHERE id = 1`;
      return { count: rows.length, lastSeq };
    });
    if (!batch) return { sealed, lastSeq: -1n, busy: true };
    sealed += batch.count;
    if (batch.count < batchSize) return { sealed, lastSeq: batch.lastSeq, busy: false };
  }
}
