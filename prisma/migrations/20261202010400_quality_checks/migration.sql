-- Quality and freshness checks from each port's contract: every run and each check's result, the stream checker's
-- state per topic port, and incidents (one open per check: the partial unique index quality_incident_one_open_per_check).
CREATE TYPE "QualityStatus" AS ENUM ('passed', 'failed', 'not_evaluated');
CREATE TYPE "IncidentState" AS ENUM ('open', 'resolved');
CREATE TYPE "IncidentResolution" AS ENUM ('check_passed', 'false_positive', 'fixed_upstream', 'accepted');

CREATE TABLE "quality_run" (
    "id" UUID NOT NULL,
    "port_id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "contract_version" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "passed" INTEGER NOT NULL,
    "failed" INTEGER NOT NULL,
    "not_evaluated" INTEGER NOT NULL,
    CONSTRAINT "quality_run_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "quality_run_port_id_started_at_idx" ON "quality_run"("port_id", "started_at");
ALTER TABLE "quality_run" ADD CONSTRAINT "quality_run_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "quality_result" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "port_id" UUID NOT NULL,
    "check_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "property" TEXT,
    "dimension" TEXT,
    "severity" TEXT NOT NULL,
    "status" "QualityStatus" NOT NULL,
    "measured" DOUBLE PRECISION,
    "unit" TEXT,
    "threshold" TEXT,
    "reason" TEXT,
    "sample" JSONB,
    "evaluated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "quality_result_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "quality_result_run_id_idx" ON "quality_result"("run_id");
CREATE INDEX "quality_result_port_id_evaluated_at_idx" ON "quality_result"("port_id", "evaluated_at");
ALTER TABLE "quality_result" ADD CONSTRAINT "quality_result_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "quality_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "quality_result" ADD CONSTRAINT "quality_result_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "quality_stream_state" (
    "port_id" UUID NOT NULL,
    "last_message_at" TIMESTAMPTZ(3),
    "window" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "quality_stream_state_pkey" PRIMARY KEY ("port_id")
);
ALTER TABLE "quality_stream_state" ADD CONSTRAINT "quality_stream_state_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "quality_incident" (
    "id" UUID NOT NULL,
    "port_id" UUID NOT NULL,
    "check_key" TEXT NOT NULL,
    "check_name" TEXT NOT NULL,
    "team_id" UUID NOT NULL,
    "state" "IncidentState" NOT NULL DEFAULT 'open',
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_failed_at" TIMESTAMPTZ(3) NOT NULL,
    "failed_runs" INTEGER NOT NULL DEFAULT 1,
    "last_measured" DOUBLE PRECISION,
    "threshold" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" "IncidentResolution",
    "resolution_note" TEXT,
    "resolved_by_id" UUID,
    CONSTRAINT "quality_incident_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "quality_incident_one_open_per_check" ON "quality_incident"("port_id", "check_key") WHERE "state" = 'open';
CREATE INDEX "quality_incident_state_opened_at_idx" ON "quality_incident"("state", "opened_at");
CREATE INDEX "quality_incident_port_id_idx" ON "quality_incident"("port_id");
ALTER TABLE "quality_incident" ADD CONSTRAINT "quality_incident_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "quality_incident" ADD CONSTRAINT "quality_incident_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "quality_incident" ADD CONSTRAINT "quality_incident_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
