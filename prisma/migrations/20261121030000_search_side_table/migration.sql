-- Search reads a narrow copy of what it filters, counts and matches (about 0.9 kB a product instead of the 1.7 kB
-- data_product row), kept in step by lib/catalog/refresh-search-document.ts in the writer's transaction.
CREATE TABLE "data_product_search" (
    "product_id" UUID NOT NULL,
    "domain_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "status" "ProductStatus" NOT NULL,
    "classification" "Classification" NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "name" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "port_types" "PortType"[] DEFAULT ARRAY[]::"PortType"[],
    "search_vector" tsvector NOT NULL,
    CONSTRAINT "data_product_search_pkey" PRIMARY KEY ("product_id")
);
ALTER TABLE "data_product_search" ADD CONSTRAINT "data_product_search_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "data_product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "data_product_search" ("product_id", "domain_id", "team_id", "status", "classification", "updated_at", "name", "tags", "port_types", "search_vector")
SELECT "id", "domain_id", "team_id", "status", "classification", "updated_at", "name", coalesce("tags", '{}'), coalesce("port_types", '{}'), coalesce("search_vector", ''::tsvector)
FROM "data_product";

CREATE INDEX "data_product_search_domain_id_idx" ON "data_product_search"("domain_id");
CREATE INDEX "data_product_search_updated_at_idx" ON "data_product_search"("updated_at");
-- Indexes that Prisma's schema language cannot express: full text, and name order without sorting every hit.
CREATE INDEX "data_product_search_search_vector_idx" ON "data_product_search" USING GIN ("search_vector");
CREATE INDEX "data_product_search_lower_name_idx" ON "data_product_search" (lower("name"));
CREATE INDEX "data_product_search_tags_idx" ON "data_product_search" USING GIN ("tags");

-- The search document now lives in data_product_search only.
DROP INDEX "data_product_search_vector_idx";
DROP INDEX "data_product_lower_name_idx";
ALTER TABLE "data_product" DROP COLUMN "search_vector";
