-- Contract versions waiting for a steward from before the one approvals mechanism get their approval request
-- (one pending steward step), so the inbox and the decision routes find them.
INSERT INTO "approval_request" ("id", "subject", "subject_id", "requester_id", "state", "rationale", "created_at")
SELECT gen_random_uuid(), 'contract_version', cv."id", cv."created_by_id", 'pending',
       'Version ' || cv."version" || ' is a new major version that is incompatible with the active one.', cv."created_at"
FROM "contract_version" cv
WHERE cv."status" = 'pending_approval'
  AND NOT EXISTS (SELECT 1 FROM "approval_request" ar WHERE ar."subject" = 'contract_version' AND ar."subject_id" = cv."id");

INSERT INTO "approval_step" ("id", "request_id", "position", "kind", "reason", "state")
SELECT gen_random_uuid(), ar."id", 0, 'steward', 'incompatible new major version: a governance steward decides whether consumers can take the break', 'pending'
FROM "approval_request" ar
WHERE ar."subject" = 'contract_version'
  AND NOT EXISTS (SELECT 1 FROM "approval_step" s WHERE s."request_id" = ar."id");
