import { z } from "zod";
import { ProductDescriptor, ProductUpdate, StatusChange } from "@/lib/catalog/product-input";
import { DomainInput, MemberInput, TeamInput } from "@/lib/org/org-input";
import { CreateTokenInput } from "@/lib/tokens/create-api-token";
import { ApprovalDecision } from "@/lib/approvals/approval-input";
import { ContractCheck, ContractDecision, ContractSubmission } from "@/lib/contracts/contract-input";
import { PortAccessInput, SubscriptionPreviewInput, SubscriptionRequestInput, TeamPrincipalsInput, CancelInput } from "@/lib/subscriptions/subscription-input";

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
        TokenRequest: schema(CreateTokenInput),
        ContractSubmission: schema(ContractSubmission),
        ContractCheck: schema(ContractCheck),
        ContractDecision: schema(ContractDecision),
        ApprovalDecision: schema(ApprovalDecision),
        SubscriptionRequest: schema(SubscriptionRequestInput),
        SubscriptionPreview: schema(SubscriptionPreviewInput),
        SubscriptionDecision: { type: "object", additionalProperties: false, properties: { comment: { type: "string", maxLength: 2000, description: "The reason, for a rejection" }, stepId: { type: "string", format: "uuid", description: "The step the decider saw; 409 if the request moved on" } } },
        SubscriptionCancel: schema(CancelInput),
        PortAccess: schema(PortAccessInput),
        TeamPrincipals: schema(TeamPrincipalsInput),
      },
    },
    paths: {
      "/domains": { get: { summary: "List domains with teams and product counts", responses: ok("Domains") }, post: { summary: "Create a domain (admin)", requestBody: json("Domain"), responses: { "201": { description: "Created" }, ...errors } } },
      "/domains/{slug}": { get: { summary: "A domain with teams, members and products", parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }], responses: ok("Domain") } },
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
      "/data-products/{id}/status": { post: { summary: "Change lifecycle status (team owner): draft → published → deprecated → retired", parameters: [idParam], requestBody: json("StatusChange"), responses: ok("Status changed") } },
      "/data-products/{id}/descriptor": { get: { summary: "The product as a YAML descriptor", parameters: [idParam], responses: ok("YAML") } },
      "/search": { get: { summary: "Full-text search with facets (domain, tag, classification, status, portType)", parameters: listParams, responses: ok("Items, total and facet counts") } },
      "/tokens": { get: { summary: "Your API tokens", responses: ok("Tokens") }, post: { summary: "Create an API token (the token is shown once)", requestBody: json("TokenRequest"), responses: { "201": { description: "Created" }, ...errors } } },
      "/tokens/{id}": { delete: { summary: "Revoke an API token", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "Revoked" }, ...errors } } },
      "/audit-events": { get: { summary: "Audit log (stewards and admins)", parameters: ["action", "entityType", "entityId", "actor", "page", "pageSize"].map((name) => ({ name, in: "query", schema: { type: "string" } })), responses: ok("Events") } },
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
      "/ports/{port}/access": {
        get: { summary: "The port's access settings (and whether you may change them)", parameters: [portParam], responses: ok("Settings") },
        put: { summary: "Set the port's access settings (owners of the owning team): self-service, maximum duration in days, whether no end is allowed", parameters: [portParam], requestBody: json("PortAccess"), responses: ok("Settings") },
      },
      "/teams/{id}/principals": { put: { summary: "Set the Kafka principal and PostgreSQL role a team is known by (admins); null restores the default (User:team-<slug>, <prefix>team_<slug>)", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: json("TeamPrincipals"), responses: ok("Principals, set and effective") } },
      "/data-products/{id}/consumers": { get: { summary: "Teams consuming the product now: team, port, purpose, since, until", parameters: [idParam], responses: ok("Consumers and the number of teams") } },
    },
  };
}
