-- The typo vocabulary is built from the product's words while its search row is written, so the stored copy goes.
ALTER TABLE "data_product" DROP COLUMN "search_text";
