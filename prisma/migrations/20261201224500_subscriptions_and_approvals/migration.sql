-- Subscriptions (a consumer team's access to an output port), the one approvals mechanism (requests with ordered
-- steps, for subscriptions and contract versions alike), access grants, port access settings and team principals.
CREATE TYPE "ApprovalSubject" AS ENUM ('subscription', 'contract_version');
CREATE TYPE "ApprovalState" AS ENUM ('pending', 'approved', 'rejected', 'cancelled');
CREATE TYPE "ApprovalStepKind" AS ENUM ('owner', 'steward');
CREATE TYPE "ApprovalStepState" AS ENUM ('waiting', 'pending', 'approved', 'rejected', 'skipped');
CREATE TYPE "SubscriptionState" AS ENUM ('pending_approval', 'provisioning', 'active', 'rejected', 'cancelled');
CREATE TYPE "GrantKind" AS ENUM ('postgres_select', 'kafka_acl');
CREATE TYPE "GrantState" AS ENUM ('pending', 'applied', 'failed', 'not_supported');

ALTER TABLE "team" ADD COLUMN "kafka_principal" TEXT, ADD COLUMN "postgres_role" TEXT;
ALTER TABLE "port" ADD COLUMN "self_service" BOOLEAN NOT NULL DEFAULT true,
  ADD COLUMN "max_duration_days" INTEGER NOT NULL DEFAULT 365,
  ADD COLUMN "allow_no_end" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "approval_request" (
    "id" UUID NOT NULL,
    "subject" "ApprovalSubject" NOT NULL,
    "subject_id" UUID NOT NULL,
    "requester_id" UUID,
    "state" "ApprovalState" NOT NULL DEFAULT 'pending',
    "rationale" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "approval_request_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "approval_request_subject_subject_id_key" ON "approval_request"("subject", "subject_id");
CREATE INDEX "approval_request_state_idx" ON "approval_request"("state");
ALTER TABLE "approval_request" ADD CONSTRAINT "approval_request_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "approval_step" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "ApprovalStepKind" NOT NULL,
    "team_id" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "state" "ApprovalStepState" NOT NULL DEFAULT 'waiting',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "comment" TEXT,
    CONSTRAINT "approval_step_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "approval_step_request_id_position_key" ON "approval_step"("request_id", "position");
CREATE INDEX "approval_step_state_kind_idx" ON "approval_step"("state", "kind");
ALTER TABLE "approval_step" ADD CONSTRAINT "approval_step_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "approval_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "approval_step" ADD CONSTRAINT "approval_step_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "subscription" (
    "id" UUID NOT NULL,
    "port_id" UUID NOT NULL,
    "consumer_team_id" UUID NOT NULL,
    "requester_id" UUID,
    "purpose" TEXT NOT NULL,
    "intended_use" TEXT NOT NULL DEFAULT '',
    "duration_days" INTEGER,
    "state" "SubscriptionState" NOT NULL DEFAULT 'pending_approval',
    "idempotency_key" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_at" TIMESTAMPTZ(3),
    "activated_at" TIMESTAMPTZ(3),
    "ends_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    CONSTRAINT "subscription_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "subscription_requester_id_idempotency_key_key" ON "subscription"("requester_id", "idempotency_key");
CREATE INDEX "subscription_port_id_state_idx" ON "subscription"("port_id", "state");
CREATE INDEX "subscription_consumer_team_id_state_idx" ON "subscription"("consumer_team_id", "state");
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_consumer_team_id_fkey" FOREIGN KEY ("consumer_team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "access_grant" (
    "id" UUID NOT NULL,
    "subscription_id" UUID NOT NULL,
    "kind" "GrantKind" NOT NULL,
    "principal" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "state" "GrantState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "applied_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "access_grant_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "access_grant_subscription_id_kind_key" ON "access_grant"("subscription_id", "kind");
CREATE INDEX "access_grant_state_idx" ON "access_grant"("state");
ALTER TABLE "access_grant" ADD CONSTRAINT "access_grant_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A team asks once at a time for one port: at most one open (pending, provisioning or active) subscription per team and port.
CREATE UNIQUE INDEX "subscription_one_open_per_team_port" ON "subscription"("port_id", "consumer_team_id") WHERE "state" IN ('pending_approval', 'provisioning', 'active');
