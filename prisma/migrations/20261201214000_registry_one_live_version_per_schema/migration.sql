-- A subject holds a schema once among its live versions (concurrent registrations once stored it twice).
-- Older duplicates keep their version number but are soft-deleted, as Confluent would report them.
UPDATE "registry_subject_version" v SET "deleted" = true
WHERE NOT v."deleted" AND EXISTS (
  SELECT 1 FROM "registry_subject_version" o
  WHERE o."subject" = v."subject" AND o."schema_id" = v."schema_id" AND NOT o."deleted" AND o."version" < v."version"
);
CREATE UNIQUE INDEX "registry_subject_version_live_schema_key" ON "registry_subject_version"("subject", "schema_id") WHERE NOT "deleted";
