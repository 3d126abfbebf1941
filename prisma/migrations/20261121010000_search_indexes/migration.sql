-- Search: name order walks this index instead of sorting every hit (Prisma's schema cannot express expression indexes).
CREATE INDEX "data_product_lower_name_idx" ON "data_product" (lower("name"));
