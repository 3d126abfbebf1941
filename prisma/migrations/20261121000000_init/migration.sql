-- Meshwork initial schema: catalog (domains, teams, data products, ports), users, tokens, audit, search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "UserRole" AS ENUM ('user', 'steward', 'admin');
CREATE TYPE "TeamRole" AS ENUM ('owner', 'member');
CREATE TYPE "Classification" AS ENUM ('public', 'internal', 'confidential', 'restricted');
CREATE TYPE "ProductStatus" AS ENUM ('draft', 'published', 'deprecated', 'retired');
CREATE TYPE "PortDirection" AS ENUM ('output', 'input');
CREATE TYPE "PortType" AS ENUM ('kafka_topic', 'table');

CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'user',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

CREATE TABLE "domain" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "domain_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "domain_slug_key" ON "domain"("slug");

CREATE TABLE "team" (
    "id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "contact_email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "team_domain_id_slug_key" ON "team"("domain_id", "slug");

CREATE TABLE "team_membership" (
    "team_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "TeamRole" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "team_membership_pkey" PRIMARY KEY ("team_id", "user_id")
);
CREATE INDEX "team_membership_user_id_idx" ON "team_membership"("user_id");

CREATE TABLE "data_product" (
    "id" UUID NOT NULL,
    "urn" TEXT NOT NULL,
    "domain_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "classification" "Classification" NOT NULL DEFAULT 'internal',
    "contains_personal_data" BOOLEAN NOT NULL DEFAULT false,
    "status" "ProductStatus" NOT NULL DEFAULT 'draft',
    "deprecation_reason" TEXT,
    "sunset_date" DATE,
    "port_types" "PortType"[] DEFAULT ARRAY[]::"PortType"[],
    "search_text" TEXT NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "search_vector" tsvector,
    CONSTRAINT "data_product_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "data_product_urn_key" ON "data_product"("urn");
CREATE UNIQUE INDEX "data_product_domain_id_slug_key" ON "data_product"("domain_id", "slug");
CREATE INDEX "data_product_team_id_idx" ON "data_product"("team_id");
CREATE INDEX "data_product_status_idx" ON "data_product"("status");
CREATE INDEX "data_product_updated_at_idx" ON "data_product"("updated_at");
-- Search indexes that Prisma's schema language cannot express.
CREATE INDEX "data_product_search_vector_idx" ON "data_product" USING GIN ("search_vector");
CREATE INDEX "data_product_tags_idx" ON "data_product" USING GIN ("tags");
CREATE INDEX "data_product_name_trgm_idx" ON "data_product" USING GIN ("name" gin_trgm_ops);

CREATE TABLE "port" (
    "id" UUID NOT NULL,
    "data_product_id" UUID NOT NULL,
    "direction" "PortDirection" NOT NULL,
    "type" "PortType" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "location" TEXT,
    "upstream_port_id" UUID,
    "source_port_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "port_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "port_data_product_id_name_key" ON "port"("data_product_id", "name");
CREATE INDEX "port_upstream_port_id_idx" ON "port"("upstream_port_id");

CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
CREATE INDEX "audit_event_entity_type_entity_id_idx" ON "audit_event"("entity_type", "entity_id");
CREATE INDEX "audit_event_actor_id_idx" ON "audit_event"("actor_id");

CREATE TABLE "api_token" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

CREATE TABLE "search_term" (
    "term" TEXT NOT NULL,
    CONSTRAINT "search_term_pkey" PRIMARY KEY ("term")
);
CREATE INDEX "search_term_term_trgm_idx" ON "search_term" USING GIN ("term" gin_trgm_ops);

ALTER TABLE "team" ADD CONSTRAINT "team_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "data_product" ADD CONSTRAINT "data_product_domain_id_fkey" FOREIGN KEY ("domain_id") REFERENCES "domain"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "data_product" ADD CONSTRAINT "data_product_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "port" ADD CONSTRAINT "port_data_product_id_fkey" FOREIGN KEY ("data_product_id") REFERENCES "data_product"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "port" ADD CONSTRAINT "port_upstream_port_id_fkey" FOREIGN KEY ("upstream_port_id") REFERENCES "port"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "port" ADD CONSTRAINT "port_source_port_id_fkey" FOREIGN KEY ("source_port_id") REFERENCES "port"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
