import { db, type Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { Prisma } from "@/lib/generated/prisma/client";
import { canonicalEventSql, chainHash, GENESIS_HASH } from "./audit-chain";

export type BrokenLink = {
  /** The chain position where verification failed. */
  seq: string;
  /** The event at (or right after) that position; null when the chain's newest events are gone. */
  eventId: string | null;
  reason: "altered" | "link" | "missing" | "head";
  message: string;
};

export type ChainVerification = {
  ok: boolean;
  /** Sealed events checked before the first broken link (all of them when ok). */
  checked: number;
  sealed: number;
  /** Committed events the sealer has not chained yet: not covered by this verification. */
  unsealed: number;
  head: { seq: string; hash: string } | null;
  firstBroken: BrokenLink | null;
  verifiedAt: string;
};

const PAGE = 2_000;

/** Verifies the audit chain for a steward or admin: see checkAuditChain. */
export async function verifyAuditChain(actor: Actor): Promise<ChainVerification> {
  requireSteward(actor, "verify the audit log");
  return checkAuditChain();
}

/**
 * Walks every sealed audit event in chain order, in one snapshot, recomputing each hash from the stored fields: the
 * first event whose fields no longer match its hash (altered), whose previous hash is not the hash of the event before
 * it (link), or whose position follows a gap (missing: deleted) is the broken link; the chain's head catches deleted
 * newest events. Events not sealed yet are counted, not checked.
 */
export async function checkAuditChain(client: Db = db): Promise<ChainVerification> {
  return client.$transaction(
    async (tx) => {
      const [counts] = await tx.$queryRaw<{ sealed: bigint; unsealed: bigint }[]>`
        SELECT count(*) FILTER (WHERE seq IS NOT NULL) AS sealed, count(*) FILTER (WHERE seq IS NULL) AS unsealed FROM audit_event`;
      const [head] = await tx.$queryRaw<{ lastSeq: bigint; lastHash: string }[]>`SELECT last_seq AS "lastSeq", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`;
      const result = (checked: number, firstBroken: BrokenLink | null): ChainVerification => ({
        ok: firstBroken === null,
        checked,
        sealed: Number(counts.sealed),
        unsealed: Number(counts.unsealed),
        head: head ? { seq: head.lastSeq.toString(), hash: head.lastHash } : null,
        firstBroken,
        verifiedAt: now().toISOString(),
      });

      let expected = 1n;
      let prev = GENESIS_HASH;
      let checked = 0;
      for (;;) {
        const rows = await tx.$queryRaw<{ id: bigint; seq: bigint; prevHash: string | null; hash: string | null; canonical: string }[]>`
          SELECT e.id, e.seq, e.prev_hash AS "prevHash", e.hash, ${canonicalEventSql(Prisma.sql`e.seq`)} AS canonical
          FROM audit_event e WHERE e.seq >= ${expected} ORDER BY e.seq LIMIT ${PAGE}`;
        for (const row of rows) {
          const at = { seq: expected.toString(), eventId: row.id.toString() };
          if (row.seq !== expected) {
            const gap = row.seq - expected === 1n ? `#${expected} is` : `#${expected}–#${row.seq - 1n} are`;
            return result(checked, { ...at, reason: "missing", message: `Sealed event ${gap} missing (deleted): event ${row.id} at #${row.seq} follows #${expected - 1n}.` });
          }
          if (row.prevHash !== prev) {
            return result(checked, { ...at, reason: "link", message: `Event ${row.id} (#${row.seq}) does not link to the event before it: the previous event's hash was rewritten, or this link was.` });
          }
          if (row.hash !== chainHash(prev, row.canonical)) {
            return result(checked, { ...at, reason: "altered", message: `Event ${row.id} (#${row.seq}) was changed after it was sealed: its stored fields no longer match its hash.` });
          }
          prev = row.hash;
          expected++;
          checked++;
        }
        if (rows.length < PAGE) break;
      }
      const last = expected - 1n;
      if (!head) return result(checked, { seq: (last + 1n).toString(), eventId: null, reason: "head", message: "The chain's head (audit_chain_head) is missing: deleted newest events would go unnoticed." });
      if (head.lastSeq > last) {
        return result(checked, { seq: (last + 1n).toString(), eventId: null, reason: "missing", message: `The chain's head is at #${head.lastSeq} but the log ends at #${last}: the newest sealed event(s) were deleted.` });
      }
      if (head.lastSeq < last || head.lastHash !== prev) {
        return result(checked, { seq: head.lastSeq.toString(), eventId: null, reason: "head", message: `The chain's head (#${head.lastSeq}) does not match the last sealed event (#${last}): events were added or the head was changed by hand.` });
      }
      return result(checked, null);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000, maxWait: 10_000 },
  );
}
