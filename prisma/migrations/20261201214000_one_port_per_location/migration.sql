-- A Kafka topic and a table location (compared case-insensitively) belong to exactly one output port across the
-- mesh. Earlier, two products could declare the same one: the oldest port keeps it, later ones are renamed with a
-- `_dup_<id>` suffix (recorded in the audit log) so their teams pick a location of their own.
WITH ranked AS (
  SELECT id, data_product_id, type, location,
         row_number() OVER (PARTITION BY type, lower(location) ORDER BY created_at, id) AS n
  FROM "port"
  WHERE direction = 'output' AND location IS NOT NULL
),
renamed AS (
  UPDATE "port" p SET location = r.location || '_dup_' || left(replace(p.id::text, '-', ''), 8)
  FROM ranked r
  WHERE r.id = p.id AND r.n > 1
  RETURNING p.id, r.location AS before, p.location AS after
)
INSERT INTO "audit_event" (actor_label, action, entity_type, entity_id, summary, before, after)
SELECT 'migration', 'port.location.deduplicate', 'port', id::text,
       'Location ' || before || ' was held by an older port; renamed to ' || after,
       jsonb_build_object('location', before), jsonb_build_object('location', after)
FROM renamed;

CREATE UNIQUE INDEX "port_output_location_key" ON "port" ("type", lower("location")) WHERE "direction" = 'output' AND "location" IS NOT NULL;
