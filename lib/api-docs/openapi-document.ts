import { z } from "zod";
import { ProductDescriptor, ProductUpdate, StatusChange } from "@/lib/catalog/product-input";
import { DomainInput, MemberInput, DomainChangeInput, TeamChangeInput, UserRoleInput, TeamInput } from "@/lib/org/org-input";
import { CreateTokenInput } from "@/lib/tokens/create-api-token";
import { ApprovalDecision } from "@/lib/approvals/approval-input";
import { ContractCheck, ContractDecision, ContractSubmission } from "@/lib/contracts/contract-input";
import { PortAccessInput, SubscriptionPreviewInput, SubscriptionRequestInput, TeamPrincipalsInput, CancelInput, RenewInput, RevokeInput } from "@/lib/subscriptions/subscription-input";
import { MarkReadInput } from "@/lib/notifications/notification-input";
import { WebhookSettingsInput } from "@/lib/webhooks/webhook-input";
import { IncidentQuery, ResolveIncident } from "@/lib/quality/incidents";
import { AuditFilterFields } from "@/lib/audit/audit-filter";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ content: { "application/json": { schema: ref(name) } } });
const errors = {
  "400": { description: "Malformed request", ...json("Error") },
  "401": { description: "No session and no valid API token", ...json("Error") },
  "403": { description: "The caller may not do this (`cross_site_request`: a session-cookie call sent by another site, or without Origin and with a body that is not JSON or YAML)", ...json("Error") },
  "404": { description: "Not found (or not visible to the caller)", ...json("Error") },
  "409": { description: "Conflict (duplicate name, invalid lifecycle transition, retired product)", ...json("Error") },
  "413": { description: "Body too large", ...json("Error") },
  "422": { description: "Validation failed; details name each field", ...json("Error") },
};
const ok = (description: string) => ({ "200": { description }, ...errors });
const idParam = { name: "id", in: "path", required: true, description: "Product id (uuid) or URN (urn:meshwork:<domain>:<product>, URL-encoded)", schema: { type: "string" } };
const portParam = { name: "port", in: "path", required: true, description: "Output port id or URN (urn:meshwork:<domain>:<product>:<port>, URL-encoded)", schema: { type: "string" } };
const versionParam = { name: "id", in: "path", required: true, description: "Contract version id", schema: { type: "string" } };
const listParams = ["q", "domain", "tag", "classification", "status", "portType", "sort", "page", "pageSize"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }));

// The audit log's filters, as the list and the CSV export take them (from the schema both parse).
const AUDIT_FILTER_NAMES = Object.keys(AuditFilterFields.shape);
const auditQueryParams = (names: string[]) => names.map((name) => ({ name, in: "query", schema: { type: "string" } }));

const SUB_ID = { name: "id", in: "path", required: true, description: "Subscription id", schema: { type: "string" } };

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Meshwork API", version: "1.0.0", description: "Data mesh catalog: domains, teams, data products, search, audit and API tokens. Authenticate with `Authorization: Bearer <token>` (create one under Settings → API tokens) or the browser session." },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } } }, required: ["code", "message", "details"] } }, required: ["error"] },
        ProductDescriptor: schema(ProductDescriptor),
        ProductUpdate: schema(ProductUpdate),
        StatusChange: schema(StatusChange),
        Domain: schema(DomainInput),
        Team: schema(TeamInput),
        Member: schema(MemberInput),
        DomainChange: schema(DomainChangeInput),
        TeamChange: schema(TeamChangeInput),
        UserRole: schema(UserRoleInput),
        TokenRequest: schema(CreateTokenInput),
        ContractSubmission: schema(ContractSubmission),
        ContractCheck: schema(ContractCheck),
        ContractDecision: schema(ContractDecision),
        ApprovalDecision: schema(ApprovalDecision),
        SubscriptionRequest: schema(SubscriptionRequestInput),
        SubscriptionPreview: schema(SubscriptionPreviewInput),
        SubscriptionDecision: { type: "object", additionalProperties: false, properties: { comment: { type: "string", maxLength: 2000, description: "The reason, for a rejection" }, stepId: { type: "string", format: "uuid", description: "The step the decider saw; 409 if the request moved on" } } },
        SubscriptionCancel: schema(CancelInput),
        SubscriptionRevoke: schema(RevokeInput),
        SubscriptionRenew: schema(RenewInput),
        PortAccess: schema(PortAccessInput),
        TeamPrincipals: schema(TeamPrincipalsInput),
        MarkNotificationsRead: schema(MarkReadInput),
        WebhookSettings: schema(WebhookSettingsInput),
        ResolveIncident: schema(ResolveIncident),
      },
    },
    paths: {
      "/domains": { get: { summary: "List domains with teams and product counts", responses: ok("Domains") }, post: { summary: "Create a domain (admin)", requestBody: json("Domain"), responses: { "201": { description: "Created" }, ...errors } } },
      "/domains/{slug}": {
        get: { summary: "A domain with teams, members and products", parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], responses: ok("Domain") },
        patch: { summary: "Rename or describe a domain (admin; the slug stays)", parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], requestBody: json("DomainChange"), responses: ok("Domain") },
        delete: { summary: "Delete a domain (admin); 409 with the reason while it has products or teams", parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Deleted" }, ...errors } },
      },
      "/teams/{id}": {
        patch: { summary: "Rename or describe a team, or change its contact e-mail (admin)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("TeamChange"), responses: ok("Team") },
        delete: { summary: "Delete a team (admin); 409 with the reason while it owns products or has subscriptions on record", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Deleted" }, ...errors } },
      },
      "/users": { get: { summary: "Everyone with an account, with role and teams (admin); ?q= searches name and e-mail", parameters: [{ name: "q", in: "query", schema: { type: "string" } }, { name: "page", in: "query", schema: { type: "integer" } }], responses: ok("Users") } },
      "/users/{id}": { patch: { summary: "Change a person's role: user, steward or admin (admin; audited; the last admin cannot be demoted)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("UserRole"), responses: ok("User") } },
      "/teams": { get: { summary: "List teams with their members (?domain=<slug>)", parameters: [{ name: "domain", in: "query", schema: { type: "string" } }], responses: ok("Teams") }, post: { summary: "Create a team in a domain (admin)", requestBody: json("Team"), responses: { "201": { description: "Created" }, ...errors } } },
      "/teams/{id}/members": { post: { summary: "Add a member or change their role (admin or team owner)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("Member"), responses: ok("Membership") } },
      "/teams/{id}/members/{userId}": { delete: { summary: "Remove a member", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, { name: "userId", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Removed" }, ...errors } } },
      "/data-products": {
        get: { summary: "List data products with filters and paging", parameters: listParams, responses: ok("Products") },
        post: {
          summary: "Register a data product (as draft) for one of your teams",
          requestBody: { content: { "application/json": { schema: ref("ProductDescriptor") }, "application/yaml": { schema: ref("ProductDescriptor") } } },
          responses: { "201": { description: "Created" }, ...errors },
        },
      },
      "/data-products/{id}": { get: { summary: "A data product with ports, owners, upstream and downstream", parameters: [idParam], responses: ok("Product") }, patch: { summary: "Update a data product (owning team)", parameters: [idParam], requestBody: json("ProductUpdate"), responses: ok("Updated") } },
      "/ports/{port}/quality": { get: { summary: "The port's quality: the latest run's result per check (status passed / failed / not_evaluated with the reason, measured value, threshold, failing-row sample with personal data masked unless you may read the port), the score, freshness against the SLA, an hourly 7-day history and open incidents", parameters: [portParam], responses: ok("Quality") } },
      "/ports/{port}/quality/run": { post: { summary: "Run the port's quality checks now (members of the owning team): on the table for a table port, from the stream checker's last window for a topic port; answers with the port's quality", parameters: [portParam], responses: ok("Quality after the run") } },
      "/incidents": { get: { summary: "Quality incidents on products you may see, oldest first, with how long each has been open", parameters: Object.keys(IncidentQuery.shape).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })), responses: ok("Incidents and their total") } },
      "/incidents/{id}/resolve": { post: { summary: "Resolve an open incident with a reason (owners of the owning team): false_positive, fixed_upstream or accepted", parameters: [{ name: "id", in: "path", required: true, description: "Incident id", schema: { type: "string" } }], requestBody: json("ResolveIncident"), responses: ok("The resolved incident") } },
      "/data-products/{id}/status": { post: { summary: "Change lifecycle status (team owner): draft → published → deprecated → retired", parameters: [idParam], requestBody: json("StatusChange"), responses: ok("Status changed") } },
      "/data-products/{id}/descriptor": { get: { summary: "The product as a YAML descriptor", parameters: [idParam], responses: ok("YAML") } },
      "/search": { get: { summary: "Full-text search with facets (domain, tag, classification, status, portType)", parameters: listParams, responses: ok("Items, total and facet counts") } },
      "/tokens": { get: { summary: "Your API tokens", responses: ok("Tokens") }, post: { summary: "Create an API token (the token is shown once)", requestBody: json("TokenRequest"), responses: { "201": { description: "Created" }, ...errors } } },
      "/tokens/{id}": { delete: { summary: "Revoke an API token", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Revoked" }, ...errors } } },
      "/audit-events": { get: { summary: "Audit log (stewards and admins); from and to are dates (YYYY-MM-DD, whole UTC days) or date-times, both included", parameters: auditQueryParams([...AUDIT_FILTER_NAMES, "page", "pageSize"]), responses: ok("Events") } },
      "/audit-events/export": {
        get: {
          summary: "The audit events of the same filters as CSV, newest first, streamed (stewards and admins)",
          parameters: auditQueryParams(AUDIT_FILTER_NAMES),
          responses: { "200": { description: "CSV: id, at, actor, action, entity_type, entity_id, summary, before, after", content: { "text/csv": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/governance/access-metrics": { get: { summary: "The governance view (stewards and admins): time-to-access (request → every supported grant applied) median and p90 in hours per providing domain and overall, requests and the share auto-approved by policy, over the requests of the last `days` days (default 30); open requests by domain; the approval steps waiting longest, with their age", parameters: [{ name: "days", in: "query", schema: { type: "integer", minimum: 1, maximum: 365, default: 30 } }, { name: "limit", in: "query", description: "How many of the longest waits", schema: { type: "integer", minimum: 1, maximum: 100, default: 10 } }], responses: ok("days, since, until, overall, byDomain, openRequests, waitingLongest") } },
      "/audit/verify": { get: { summary: "Verify the tamper-evident audit chain (stewards and admins): every sealed event's hash recomputed in chain order; ok, the sealed and not-yet-sealed counts, and the first broken link (altered, link, missing or head) with its event", responses: ok("ok, checked, sealed, unsealed, head, firstBroken") } },
      "/ports/{port}/contracts": {
        get: { summary: "A port's contract versions, newest first", parameters: [portParam], responses: ok("Versions") },
        post: {
          summary: "Publish a contract version (owning team): compatible → active; incompatible new major → pending a steward's approval; otherwise 409 with reasons",
          parameters: [portParam],
          requestBody: { content: { "application/json": { schema: ref("ContractSubmission") }, "application/yaml": { schema: { type: "string", description: "The ODCS document itself" } } } },
          responses: { "201": { description: "Saved: active or pending_approval" }, ...errors },
        },
      },
      "/ports/{port}/contract-template": { get: { summary: "A starting ODCS contract for the port (YAML)", parameters: [portParam], responses: ok("YAML") } },
      "/ports/{port}/compatibility": { put: { summary: "Set the port's compatibility mode (owning team)", parameters: [portParam], requestBody: { content: { "application/json": { schema: { type: "object", properties: { mode: { enum: ["BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE"] } } } } } }, responses: ok("Mode") } },
      "/ports/{port}/transfer": { post: { summary: "Move an output port (with its topic or table, contracts and subjects) to another data product (platform admins)", parameters: [portParam], requestBody: { content: { "application/json": { schema: { type: "object", required: ["product"], properties: { product: { type: "string", description: "id or URN of the receiving product" }, name: { type: "string", description: "the port's name there (default: unchanged)" } } } } } }, responses: ok("The moved port") } },
      "/contracts/check": { post: { summary: "Is this contract valid and compatible for the port? Saves nothing (for producers' CI)", requestBody: json("ContractCheck"), responses: ok("Verdict with errors, reasons and semantic changes") } },
      "/contracts/{id}": { get: { summary: "A contract version (?format=yaml downloads the ODCS YAML)", parameters: [versionParam], responses: ok("Version") } },
      "/contracts/{id}/diff": { get: { summary: "Semantic diff against another version of the same port (?against=<id>)", parameters: [versionParam, { name: "against", in: "query", required: true, schema: { type: "string" } }], responses: ok("Changes") } },
      "/contracts/{id}/approve": { post: { summary: "Approve a pending new major version (stewards)", parameters: [versionParam], requestBody: json("ContractDecision"), responses: ok("Activated") } },
      "/contracts/{id}/reject": { post: { summary: "Reject a pending new major version (stewards)", parameters: [versionParam], requestBody: json("ContractDecision"), responses: ok("Rejected") } },
      "/contract-approvals": { get: { summary: "New major contract versions waiting for a steward", responses: ok("Pending versions") } },
      "/approvals": { get: { summary: "Your approvals inbox: every step you may decide now, subscriptions and contract versions alike, oldest wait first, with requester, purpose and time waited", responses: ok("Inbox items") } },
      "/approvals/{id}": { get: { summary: "An approval request with its ordered steps (who decides each, why, and each decision)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: ok("Approval request") } },
      "/approvals/{id}/approve": { post: { summary: "Approve the request's current step (its decider; never the requester). 409 with the current state when it was already decided", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("ApprovalDecision"), responses: ok("The request after the decision") } },
      "/approvals/{id}/reject": { post: { summary: "Reject the request's current step with a comment: the request ends rejected. 409 with the current state when it was already decided", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("ApprovalDecision"), responses: ok("The request after the decision") } },
      "/me": { get: { summary: "The caller, with team memberships", responses: ok("Actor") } },
      "/me/sessions": { delete: { summary: "Sign out everywhere: ends every browser session of the caller (API tokens are not affected)", responses: { "204": { description: "Signed out" }, ...errors } } },
      "/subscriptions": {
        get: { summary: "Subscriptions you may see (requester, consuming team, owning team; stewards all), newest first", parameters: ["mine", "product", "port", "team", "state", "page", "pageSize"].map((name) => ({ name, in: "query", schema: { type: "string" } })), responses: ok("Items, total, page, pageSize") },
        post: {
          summary: "Request access to an output port for one of your teams, with a purpose; the approval chain is computed by policy (no steps → approved at once and provisioning starts)",
          parameters: [{ name: "Idempotency-Key", in: "header", required: false, description: "A retried request with the same key answers the first result (header Idempotent-Replayed: true); reused for a different request → 422", schema: { type: "string", maxLength: 255 } }],
          requestBody: json("SubscriptionRequest"),
          responses: { "201": { description: "The subscription with its approval chain and grants" }, ...errors },
        },
      },
      "/subscriptions/preview": { post: { summary: "The approval chain a request would take and why, and the duration it would get; saves nothing", requestBody: json("SubscriptionPreview"), responses: ok("Chain, rationale, duration") } },
      "/subscriptions/{id}": { get: { summary: "A subscription with its approval chain (steps, decisions, comments) and grants", parameters: [{ name: "id", in: "path", required: true, description: "Subscription id", schema: { type: "string" } }], responses: ok("Subscription") } },
      "/subscriptions/{id}/approve": { post: { summary: "Approve the current step of the subscription's request (its decider; never the requester); 409 with the current state if already decided", parameters: [{ name: "id", in: "path", required: true, description: "Subscription id", schema: { type: "string" } }], requestBody: json("SubscriptionDecision"), responses: ok("Subscription") } },
      "/subscriptions/{id}/reject": { post: { summary: "Reject the current step with a comment: the request ends with that reason", parameters: [{ name: "id", in: "path", required: true, description: "Subscription id", schema: { type: "string" } }], requestBody: json("SubscriptionDecision"), responses: ok("Subscription") } },
      "/subscriptions/{id}/cancel": { post: { summary: "Withdraw a request still waiting for approval (requester, consuming team's owners, admins)", parameters: [{ name: "id", in: "path", required: true, description: "Subscription id", schema: { type: "string" } }], requestBody: json("SubscriptionCancel"), responses: ok("Subscription") } },
      "/subscriptions/{id}/end": { post: { summary: "The consuming team ends its own approved subscription (requester, the team's owners, admins): it becomes ended and the worker revokes its grants; 409 once it is no longer open", parameters: [SUB_ID], requestBody: json("SubscriptionCancel"), responses: ok("Subscription") } },
      "/subscriptions/{id}/revoke": { post: { summary: "Revoke a subscription at any time with a reason (owners of the product's team, stewards, admins): the consumers are notified and the worker revokes the grants; of two at once one wins, the other answers 409", parameters: [SUB_ID], requestBody: json("SubscriptionRevoke"), responses: ok("Subscription") } },
      "/subscriptions/{id}/renew": {
        get: { summary: "What renewing would ask: the approval chain, whether it is shortened because nothing changed since the last approval (same classification, no new personal data), and what changed", parameters: [SUB_ID], responses: ok("Renewal preview") },
        post: { summary: "Renew an active or expired subscription (members of its consuming team): a new request for the same port through the approval chain, linked to the renewed one, which keeps its access until the renewal is approved; one renewal waits at a time (409)", parameters: [SUB_ID], requestBody: json("SubscriptionRenew"), responses: { "201": { description: "The renewal subscription" }, ...errors } },
      },
      "/reconciliation": { get: { summary: "Grant reconciliation (stewards, admins): the last runs (scheduled and Check now) and the repairs they made (re-created, removed, retried grants)", responses: ok("Runs and repairs") } },
      "/reconciliation/check": { post: { summary: "Check now (stewards, admins): the worker reconciles every grant with PostgreSQL at once; a check already waiting is answered instead of a second", responses: { "202": { description: "The queued run" }, ...errors } } },
      "/ports/{port}/materialization": { get: { summary: "A table port's materialization from its topic port, for anyone who may see the product: state (running, paused, stopped, reset_detected…), lag per partition in messages and seconds, rows written, last write, throughput, dead letters, stopping error, fields not materialized, a detected topic reset, and whether the caller may operate it", parameters: [portParam], responses: ok("The materialization status") } },
      "/ports/{port}/materialization/pause": { post: { summary: "Pause a table port's materialization: workers stop writing its rows within a batch (owners of the owning team, admins)", parameters: [portParam], responses: ok("The materialization status") } },
      "/ports/{port}/materialization/resume": { post: { summary: "Resume a paused or error-stopped materialization from its stored offsets; clears a stopping error (owners of the owning team, admins)", parameters: [portParam], responses: ok("The materialization status") } },
      "/ports/{port}/materialization/restart": { post: { summary: "Restart from the beginning (after a topic reset, or to rebuild): empties the table, its stored offsets and dead letters in one transaction (owners of the owning team, admins). An optional { generation } (the status's) makes it answer that state only: 409 if it was restarted since", parameters: [portParam], requestBody: { required: false, content: { "application/json": { schema: { type: "object", additionalProperties: false, properties: { generation: { type: "integer", minimum: 0 } } } } } }, responses: ok("The materialization status") } },
      "/ports/{port}/dead-letters": { get: { summary: "A table port's dead letters, newest first: partition, offset, key, raw value (base64), reason, error, time (owners of the owning team, admins)", parameters: [portParam, { name: "state", in: "query", schema: { type: "string", enum: ["waiting", "replayed", "all"] } }, { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500 } }, { name: "before", in: "query", description: "nextBefore of the previous page", schema: { type: "string" } }], responses: ok("deadLetters, nextBefore") } },
      "/ports/{port}/dead-letters/{id}": { get: { summary: "One dead letter with its raw bytes (base64, and the first bytes in hex), the schema id they name, and a fresh decode attempt (owners of the owning team, admins)", parameters: [portParam, { name: "id", in: "path", required: true, schema: { type: "string" } }], responses: ok("The dead letter, headHex, schemaId, decoded") } },
      "/ports/{port}/dead-letters/replay": { post: { summary: "Replay selected dead letters after a fix ({ ids }): each decoded again and written to the table, or left with its new error (owners of the owning team, admins)", parameters: [portParam], requestBody: { content: { "application/json": { schema: { type: "object", required: ["ids"], properties: { ids: { type: "array", minItems: 1, maxItems: 1000, items: { type: "string" } } } } } } }, responses: ok("replayed, failed") } },
      "/ports/{port}/access": {
        get: { summary: "The port's access settings (and whether you may change them)", parameters: [portParam], responses: ok("Settings") },
        put: { summary: "Set the port's access settings (owners of the owning team): self-service, maximum duration in days, whether no end is allowed", parameters: [portParam], requestBody: json("PortAccess"), responses: ok("Settings") },
      },
      "/notifications": {
        get: {
          summary: "Your own notifications, newest first (requests waiting on you, decisions on your requests, grants, deprecations, contract activations with their diff, expiries, incidents), with the unread count",
          parameters: [{ name: "page", in: "query", schema: { type: "integer", minimum: 1 } }, { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } }, { name: "unread", in: "query", description: "true: only unread ones", schema: { type: "string", enum: ["true", "false"] } }],
          responses: ok("Items (id, kind, title, body, link, data, createdAt, readAt), total, page, pageSize, unreadCount"),
        },
      },
      "/notifications/read": { post: { summary: "Mark some ({ ids }) or all ({ all: true }) of your notifications read; others' ids match nothing; marking twice is harmless", requestBody: json("MarkNotificationsRead"), responses: ok("marked, unreadCount") } },
      "/teams/{id}/webhook": {
        get: { summary: "The team's webhook (URL, when set, when its secret was last rotated; never the secret) and its newest deliveries (team owners, admins)", parameters: [...[{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } }, { name: "before", in: "query", description: "createdAt of the last delivery seen (nextBefore), for the next page", schema: { type: "string", format: "date-time" } }], responses: ok("team, webhook (null when none), deliveries, nextBefore") },
        put: { summary: "Set the team's webhook URL (https; http only to localhost in demo mode; internal addresses refused). A new webhook answers its signing secret once (`secret`); changing the URL keeps the secret (team owners, admins)", parameters: [{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], requestBody: json("WebhookSettings"), responses: ok("url, secret (only when new), createdAt, updatedAt") },
        delete: { summary: "Remove the team's webhook (team owners, admins)", parameters: [{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], responses: { "204": { description: "Removed" }, ...errors } },
      },
      "/teams/{id}/webhook/secret": { post: { summary: "Replace the webhook's signing secret; the new one is answered this once. Deliveries are signed `Meshwork-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">` (team owners, admins)", parameters: [{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], responses: ok("secret, secretRotatedAt") } },
      "/teams/{id}/webhook/test": { post: { summary: "Send a webhook.test event to the team's webhook (team owners, admins)", parameters: [{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], responses: { "202": { description: "Queued: the delivery id" }, ...errors } } },
      "/teams/{id}/webhook/deliveries": { get: { summary: "The team's webhook deliveries, newest first: state (pending, retrying, delivered, failed), attempts, response status, last error, times (team owners, admins)", parameters: [...[{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], { name: "limit", in: "query", schema: { type: "integer" } }, { name: "before", in: "query", schema: { type: "string", format: "date-time" } }], responses: ok("deliveries, nextBefore") } },
      "/teams/{id}/webhook/deliveries/{deliveryId}/resend": { post: { summary: "Send a delivery's event again as a new delivery (same event id) (team owners, admins)", parameters: [...[{ name: "id", in: "path", required: true, description: "Team id", schema: { type: "string" } }], { name: "deliveryId", in: "path", required: true, schema: { type: "string" } }], responses: { "202": { description: "Queued: the new delivery id" }, ...errors } } },
      "/teams/{id}/principals": { put: { summary: "Set the Kafka principal and PostgreSQL role a team is known by (admins); null restores the default (User:team-<slug>, <prefix>team_<slug>)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("TeamPrincipals"), responses: ok("Principals, set and effective") } },
      "/data-products/{id}/consumers": { get: { summary: "Teams consuming the product now: team, port, purpose, since, until", parameters: [idParam], responses: ok("Consumers and the number of teams") } },
      "/lineage/openlineage": {
        post: {
          summary: "Report OpenLineage events: one run, job or dataset event, or a JSON array of them recorded all or nothing. Validated against the OpenLineage 2-0-2 JSON Schema and each standard facet's own schema (422 names each bad field by JSON pointer, e.g. /2/run/runId). Datasets are matched to ports by the OpenLineage naming rules (kafka://host:port + topic; postgres://host:port + database.schema.table), with MESHWORK_LINEAGE_ALIASES for other addresses; unmatched ones are kept as seen in lineage, not in the catalog. Members of a team, stewards and admins",
          requestBody: { content: { "application/json": { schema: { oneOf: [{ type: "object", description: "An OpenLineage RunEvent, JobEvent or DatasetEvent (https://openlineage.io/spec/2-0-2/OpenLineage.json)" }, { type: "array", minItems: 1, maxItems: 500, items: { type: "object" } }] } } } },
          responses: { "201": { description: "Accepted: the number of events, the jobs and the datasets with whether each matched a port" }, ...errors },
        },
      },
      "/lineage/fields": { get: { summary: "Field-level lineage of an output port: for each field of its active contract, the upstream fields it comes from and the downstream fields that read it (descriptor mappings and OpenLineage column lineage); hidden products are counted, not named", parameters: [{ name: "port", in: "query", required: true, description: "Output port id or URN", schema: { type: "string" } }], responses: ok("Fields with their sources and readers") } },
      "/lineage/impact": {
        get: { summary: "Impact of a contract version on what reads the port: downstream ports, products and subscribing teams, and the downstream fields that read each removed, renamed or retyped field; hidden products are counted, not named", parameters: [{ name: "port", in: "query", required: true, description: "Output port id or URN", schema: { type: "string" } }, { name: "contract", in: "query", required: false, description: "Contract version id of the port to compare with the active one; without it, the impact of retiring the port", schema: { type: "string" } }], responses: ok("Impact") },
        post: { summary: "Impact of a proposed contract (not saved): the body as for /contracts/check", requestBody: json("ContractCheck"), responses: ok("Impact") },
      },
      "/lineage": {
        get: {
          summary: "The lineage graph around one product: products (with ports), consumer teams and edges (input ports, materialization, subscriptions, OpenLineage jobs), `up` hops upstream and `down` downstream. Products the caller may not see come back only as counts (\"N hidden products\"); each product node counts its neighbours not in the graph",
          parameters: [
            { name: "focus", in: "query", required: true, description: "Product URN or id", schema: { type: "string" } },
            { name: "depth", in: "query", description: "Hops in both directions (0-10, default 1)", schema: { type: "integer", minimum: 0, maximum: 10 } },
            { name: "up", in: "query", description: "Hops upstream (overrides depth)", schema: { type: "integer", minimum: 0, maximum: 10 } },
            { name: "down", in: "query", description: "Hops downstream (overrides depth)", schema: { type: "integer", minimum: 0, maximum: 10 } },
            { name: "kinds", in: "query", description: "Edge kinds, comma-separated (default all): input_port, openlineage_job, materialization, subscription", schema: { type: "string" } },
            { name: "limit", in: "query", description: "Neighbours followed per node and direction (1-500, default 50); the rest are counted as hidden", schema: { type: "integer", minimum: 1, maximum: 500 } },
            { name: "maxNodes", in: "query", description: "Stop adding levels once the graph holds this many products (1-5000, default 1500); `truncated` says so", schema: { type: "integer", minimum: 1, maximum: 5000 } },
            { name: "cursor", in: "query", description: "`cursors.upstream` or `cursors.downstream` of an earlier answer: the next page of the focus's neighbours in that direction", schema: { type: "string" } },
          ],
          responses: ok("focus, nodes (product | team | hidden), edges, cursors, truncated"),
        },
      },
    },
  };
}
