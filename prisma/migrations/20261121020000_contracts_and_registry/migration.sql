-- Data contracts per output port, contract activation events, and the Confluent-compatible schema registry.
CREATE TYPE "CompatibilityMode" AS ENUM ('BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE');
CREATE TYPE "ContractStatus" AS ENUM ('draft', 'pending_approval', 'active', 'deprecated', 'rejected');
CREATE TYPE "SchemaType" AS ENUM ('AVRO', 'JSON', 'PROTOBUF');

ALTER TABLE "port" ADD COLUMN "compatibility_mode" "CompatibilityMode" NOT NULL DEFAULT 'BACKWARD';

CREATE TABLE "contract_version" (
    "id" UUID NOT NULL,
    "port_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "minor" INTEGER NOT NULL,
    "patch" INTEGER NOT NULL,
    "status" "ContractStatus" NOT NULL DEFAULT 'draft',
    "yaml" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "schema_type" "SchemaType" NOT NULL DEFAULT 'AVRO',
    "value_schema" TEXT NOT NULL,
    "key_schema" TEXT,
    "custom_schema" BOOLEAN NOT NULL DEFAULT false,
    "changes" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "decided_by_id" UUID,
    "decision_note" TEXT,
    "external_sync_error" TEXT,
    CONSTRAINT "contract_version_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "contract_version_port_id_version_key" ON "contract_version"("port_id", "version");
CREATE INDEX "contract_version_status_idx" ON "contract_version"("status");

CREATE TABLE "contract_event" (
    "id" BIGSERIAL NOT NULL,
    "port_id" UUID NOT NULL,
    "contract_version_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "diff" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "contract_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "contract_event_port_id_idx" ON "contract_event"("port_id");

CREATE TABLE "registry_schema" (
    "id" SERIAL NOT NULL,
    "schema_type" "SchemaType" NOT NULL,
    "schema" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "references" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "registry_schema_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "registry_schema_fingerprint_key" ON "registry_schema"("fingerprint");

CREATE TABLE "registry_subject_version" (
    "id" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "schema_id" INTEGER NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "registry_subject_version_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "registry_subject_version_subject_version_key" ON "registry_subject_version"("subject", "version");
CREATE INDEX "registry_subject_version_schema_id_idx" ON "registry_subject_version"("schema_id");

CREATE TABLE "registry_config" (
    "subject" TEXT NOT NULL,
    "compatibility" "CompatibilityMode" NOT NULL,
    CONSTRAINT "registry_config_pkey" PRIMARY KEY ("subject")
);

ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_event" ADD CONSTRAINT "contract_event_port_id_fkey" FOREIGN KEY ("port_id") REFERENCES "port"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contract_event" ADD CONSTRAINT "contract_event_contract_version_id_fkey" FOREIGN KEY ("contract_version_id") REFERENCES "contract_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "registry_subject_version" ADD CONSTRAINT "registry_subject_version_schema_id_fkey" FOREIGN KEY ("schema_id") REFERENCES "registry_schema"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
