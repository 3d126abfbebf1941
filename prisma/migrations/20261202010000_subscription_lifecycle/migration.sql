-- Subscriptions part 2: expiry, renewal, revocation, ending by the consumer, grant revocation and reconciliation.
ALTER TYPE "SubscriptionState" ADD VALUE 'expired';
ALTER TYPE "SubscriptionState" ADD VALUE 'revoked';
ALTER TYPE "SubscriptionState" ADD VALUE 'ended';
ALTER TYPE "SubscriptionState" ADD VALUE 'renewed';
ALTER TYPE "GrantState" ADD VALUE 'revoking';
ALTER TYPE "GrantState" ADD VALUE 'revoked';

ALTER TABLE "subscription"
  ADD COLUMN "renews_id" UUID,
  ADD COLUMN "reminded_at" TIMESTAMPTZ(3),
  ADD COLUMN "policy_facts" JSONB,
  ADD CONSTRAINT "subscription_renews_id_fkey" FOREIGN KEY ("renews_id") REFERENCES "subscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "subscription_renews_id_idx" ON "subscription"("renews_id");
CREATE INDEX "subscription_state_ends_at_idx" ON "subscription"("state", "ends_at");

-- A renewal waiting for approval sits beside the subscription it renews (which stays open until the renewal is
-- approved); at most one such renewal per subscription.
DROP INDEX "subscription_one_open_per_team_port";
CREATE UNIQUE INDEX "subscription_one_open_per_team_port" ON "subscription"("port_id", "consumer_team_id")
  WHERE "state" IN ('pending_approval', 'provisioning', 'active') AND NOT ("state" = 'pending_approval' AND "renews_id" IS NOT NULL);
CREATE UNIQUE INDEX "subscription_one_open_renewal" ON "subscription"("renews_id") WHERE "state" = 'pending_approval' AND "renews_id" IS NOT NULL;

-- Each reconciliation of grants against PostgreSQL and Kafka (scheduled or asked for with "Check now"); the repairs
-- themselves are audit events (action grant.repair).
CREATE TABLE "reconciliation_run" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "trigger" TEXT NOT NULL,
  "requested_by_id" UUID,
  "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "started_at" TIMESTAMPTZ(3),
  "finished_at" TIMESTAMPTZ(3),
  "checked" INTEGER NOT NULL DEFAULT 0,
  "repairs" INTEGER NOT NULL DEFAULT 0,
  "error" TEXT,
  CONSTRAINT "reconciliation_run_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "reconciliation_run_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "reconciliation_run_requested_at_idx" ON "reconciliation_run"("requested_at");
