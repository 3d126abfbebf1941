-- A port has at most one active contract version. Earlier races could leave two: keep the latest activated.
UPDATE "contract_version" AS cv SET "status" = 'deprecated'
WHERE cv."status" = 'active'
  AND EXISTS (
    SELECT 1 FROM "contract_version" AS newer
    WHERE newer."port_id" = cv."port_id" AND newer."status" = 'active'
      AND (newer."activated_at", newer."id") > (cv."activated_at", cv."id")
  );

CREATE UNIQUE INDEX "contract_version_one_active_per_port" ON "contract_version"("port_id") WHERE "status" = 'active';
