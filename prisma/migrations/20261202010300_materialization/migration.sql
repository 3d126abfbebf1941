-- Materialization of topic ports into table ports: per table port its state (paused, stopping error, fields not
-- materialized, a detected topic reset), per partition the next offset to write (committed in the same transaction as
-- the rows, so a batch lands exactly once) with its counters, and one dead-letter table for records that could not land.
CREATE TABLE "materialization" (
    "port_id" UUID NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "paused_by_id" UUID,
    "error" TEXT,
    "error_at" TIMESTAMPTZ(3),
    "contract_version" TEXT,
    "fields_not_materialized" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reset_detected_at" TIMESTAMPTZ(3),
    "reset_details" JSONB,
    "generation" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "materialization_pkey" PRIMARY KEY ("port_id")
);
ALTER TABLE "materialization" ADD CONSTRAINT "materialization_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "materialization" ADD CONSTRAINT "materialization_paused_by_id_fkey" FOREIGN KEY ("paused_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "materialization_offset" (
    "port_id" UUID NOT NULL,
    "partition" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "next_offset" BIGINT NOT NULL,
    "end_offset" BIGINT,
    "end_offset_at" TIMESTAMPTZ(3),
    "rows_written" BIGINT NOT NULL DEFAULT 0,
    "last_write_at" TIMESTAMPTZ(3),
    "last_record_at" TIMESTAMPTZ(3),
    "rows_per_second" DOUBLE PRECISION NOT NULL DEFAULT 0,
    CONSTRAINT "materialization_offset_pkey" PRIMARY KEY ("port_id", "partition")
);
ALTER TABLE "materialization_offset" ADD CONSTRAINT "materialization_offset_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "dead_letter" (
    "id" BIGSERIAL NOT NULL,
    "port_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "offset" BIGINT NOT NULL,
    "key" TEXT,
    "value_base64" TEXT,
    "headers" JSONB,
    "record_timestamp" TIMESTAMPTZ(3),
    "reason" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "replayed_at" TIMESTAMPTZ(3),
    "replayed_by_id" UUID,
    "replay_error" TEXT,
    CONSTRAINT "dead_letter_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "dead_letter_port_id_partition_offset_key" ON "dead_letter"("port_id", "partition", "offset");
CREATE INDEX "dead_letter_port_id_created_at_idx" ON "dead_letter"("port_id", "created_at");
ALTER TABLE "dead_letter" ADD CONSTRAINT "dead_letter_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "dead_letter" ADD CONSTRAINT "dead_letter_replayed_by_id_fkey" FOREIGN KEY ("replayed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
