-- The lineage graph walk (lib/lineage/get-lineage-graph.ts) looks up, for one product at a time, its ports and the
-- ports reading them, and the OpenLineage jobs touching its datasets: covering indexes answer each lookup from the
-- index alone. Prisma's schema cannot express INCLUDE or partial indexes, so schema.prisma names them in comments.

-- Upstream of a product: its input ports and what each reads.
CREATE INDEX "port_lineage_reads_idx" ON "port"("data_product_id") INCLUDE ("id", "upstream_port_id", "name") WHERE "upstream_port_id" IS NOT NULL;
-- Downstream of a port: the input ports reading it and their products.
CREATE INDEX "port_lineage_readers_idx" ON "port"("upstream_port_id") INCLUDE ("data_product_id", "id");
-- A port's OpenLineage dataset, and a dataset's jobs in one direction.
CREATE INDEX "lineage_dataset_port_lineage_idx" ON "lineage_dataset"("port_id") INCLUDE ("id") WHERE "port_id" IS NOT NULL;
CREATE INDEX "lineage_job_dataset_lineage_idx" ON "lineage_job_dataset"("dataset_id", "direction") INCLUDE ("job_id");
