-- Tamper-evident audit log: each sealed event carries its place in the chain (seq, the sealing order), the hash of
-- the event sealed before it (prev_hash) and its own hash = sha256(prev_hash || canonical JSON of its stored fields).
-- Writers only insert; the sealer (workers/audit-sealer.ts) chains committed events shortly after commit, under an
-- advisory lock only it takes. No trigger or NOTIFY on insert: a writer pays for nothing but its row; the sealer
-- polls the partial index below. lib/audit/audit-chain.ts holds the same canonical form: keep the two identical.
ALTER TABLE "audit_event" ADD COLUMN "seq" BIGINT, ADD COLUMN "prev_hash" TEXT, ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "audit_event_seq_key" ON "audit_event"("seq");
-- What the sealer looks for: committed events not chained yet, in id order.
CREATE INDEX "audit_event_unsealed_idx" ON "audit_event"("id") WHERE "seq" IS NULL;

-- The chain's head: the last sealed position and hash, so deleting the newest sealed events is detected too.
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_seq" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,
    "sealed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1)
);

-- Chains the events that exist already, in id order (they all committed before this migration).
DO $$
DECLARE
  event record;
  prev text := repeat('0', 64);
  position bigint := 0;
  digest text;
BEGIN
  FOR event IN SELECT * FROM "audit_event" ORDER BY "id" LOOP
    position := position + 1;
    digest := encode(sha256(convert_to(prev || jsonb_build_object(
      'seq', position,
      'id', event."id",
      'at', to_char(event."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'actorId', event."actor_id",
      'actorLabel', event."actor_label",
      'action', event."action",
      'entityType', event."entity_type",
      'entityId', event."entity_id",
      'summary', event."summary",
      'before', event."before",
      'after', event."after"
    )::text, 'UTF8')), 'hex');
    UPDATE "audit_event" SET "seq" = position, "prev_hash" = prev, "hash" = digest WHERE "id" = event."id";
    prev := digest;
  END LOOP;
  INSERT INTO "audit_chain_head" ("id", "last_seq", "last_hash") VALUES (1, position, prev);
END $$;
