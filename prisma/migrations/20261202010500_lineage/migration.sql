-- Lineage: what OpenLineage run events report (jobs, their runs, the datasets they read and write, column lineage and
-- the facets that came with them), matched to Meshwork ports where the naming rules allow, and the field mapping a
-- product descriptor declares for its input ports (inputPorts[].fields).

-- An OpenLineage job (namespace + name), with the state and time of its latest run event.
CREATE TABLE "lineage_job" (
    "id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "last_run_id" UUID,
    "last_run_state" TEXT,
    "last_event_time" TIMESTAMPTZ(3),
    "reported_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lineage_job_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_job_namespace_name_key" ON "lineage_job"("namespace", "name");
ALTER TABLE "lineage_job" ADD CONSTRAINT "lineage_job_reported_by_id_fkey" FOREIGN KEY ("reported_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One run of a job (its OpenLineage runId), with its latest state, event time and run facets.
CREATE TABLE "lineage_run" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "state" TEXT,
    "event_time" TIMESTAMPTZ(3) NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lineage_run_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "lineage_run_job_id_idx" ON "lineage_run"("job_id");
ALTER TABLE "lineage_run" ADD CONSTRAINT "lineage_run_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lineage_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A dataset seen in lineage (namespace + name). port_id is the Meshwork port it names, or NULL: seen in lineage,
-- not in the catalog.
CREATE TABLE "lineage_dataset" (
    "id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "port_id" UUID,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lineage_dataset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_dataset_namespace_name_key" ON "lineage_dataset"("namespace", "name");
CREATE INDEX "lineage_dataset_port_id_idx" ON "lineage_dataset"("port_id");
ALTER TABLE "lineage_dataset" ADD CONSTRAINT "lineage_dataset_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A job reads (direction input) or writes (direction output) a dataset: the job's edges in the lineage graph.
CREATE TABLE "lineage_job_dataset" (
    "job_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "direction" "PortDirection" NOT NULL,
    "facets" JSONB NOT NULL DEFAULT '{}',
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lineage_job_dataset_pkey" PRIMARY KEY ("job_id", "dataset_id", "direction")
);
CREATE INDEX "lineage_job_dataset_dataset_id_idx" ON "lineage_job_dataset"("dataset_id");
ALTER TABLE "lineage_job_dataset" ADD CONSTRAINT "lineage_job_dataset_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lineage_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lineage_job_dataset" ADD CONSTRAINT "lineage_job_dataset_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "lineage_dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Column lineage from OpenLineage columnLineage facets: output_field of output_dataset is derived from input_field of
-- input_dataset (by the job that last reported it).
CREATE TABLE "lineage_column" (
    "id" BIGSERIAL NOT NULL,
    "output_dataset_id" UUID NOT NULL,
    "output_field" TEXT NOT NULL,
    "input_dataset_id" UUID NOT NULL,
    "input_field" TEXT NOT NULL,
    "job_id" UUID,
    "transformations" JSONB,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lineage_column_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "lineage_column_output_dataset_id_output_field_input_dataset_id_input_field_key" ON "lineage_column"("output_dataset_id", "output_field", "input_dataset_id", "input_field");
CREATE INDEX "lineage_column_input_dataset_id_input_field_idx" ON "lineage_column"("input_dataset_id", "input_field");
ALTER TABLE "lineage_column" ADD CONSTRAINT "lineage_column_output_dataset_id_fkey" FOREIGN KEY ("output_dataset_id") REFERENCES "lineage_dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lineage_column" ADD CONSTRAINT "lineage_column_input_dataset_id_fkey" FOREIGN KEY ("input_dataset_id") REFERENCES "lineage_dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "lineage_column" ADD CONSTRAINT "lineage_column_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lineage_job"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The descriptor's field mapping of an input port (inputPorts[].fields): output_field of the reading product's output
-- contract is computed from input_field of the contract of the port the input port reads.
CREATE TABLE "port_field_mapping" (
    "input_port_id" UUID NOT NULL,
    "output_field" TEXT NOT NULL,
    "input_field" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "port_field_mapping_pkey" PRIMARY KEY ("input_port_id", "output_field", "input_field")
);
CREATE INDEX "port_field_mapping_input_field_idx" ON "port_field_mapping"("input_field");
ALTER TABLE "port_field_mapping" ADD CONSTRAINT "port_field_mapping_input_port_id_fkey" FOREIGN KEY ("input_port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
