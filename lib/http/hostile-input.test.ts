import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createDomain } from "@/lib/org/create-domain";
import { createTeam } from "@/lib/org/create-team";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";

// Issue 7, items 1-5: hostile input gets a 4xx that says what is wrong, never a 500.

let admin: Actor;
let adminToken: string;
let outsiderToken: string;
let team: Awaited<ReturnType<typeof createOwnedTeam>>;
let product: Awaited<ReturnType<typeof registerProduct>>;
let portId: string;
let topic: string;

const contractYaml = (version: string, extra: Record<string, unknown> = {}) =>
  YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `${product.urn}:events`,
    version,
    status: "active",
    ...extra,
    schema: [{ name: "orders", physicalName: topic, logicalType: "object", properties: [{ name: "order_id", logicalType: "string", required: true }] }],
  });

// Nine levels of ten: 10^9 nodes once expanded.
const ALIAS_BOMB = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ..."bcdefghi".split("").map((name, i) => `${name}: &${name} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)].join("\n");

async function errorOf(response: Response) {
  const body = (await response.json()) as { error?: { code: string; message: string; details: { path: string; message: string }[] }; error_code?: number; message?: string };
  return { status: response.status, ...body };
}

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  team = await createOwnedTeam(admin);
  product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  portId = port.id;
  topic = port.location!;
  adminToken = (await createApiToken(admin, { name: "hostile" })).token;
  outsiderToken = (await createApiToken(await createUser(), { name: "hostile" })).token;
});

describe("percent-escapes that do not decode in a path parameter", () => {
  const escapes = ["%", "%25", "abc%", "%E0%A4%A", "%C0%AE"];
  // Bodies that are valid, so that only the path parameter can be wrong.
  const routes: [string, string, string, unknown?][] = [
    ["api/v1/data-products/[id]", "GET", "id"],
    ["api/v1/data-products/[id]/descriptor", "GET", "id"],
    ["api/v1/data-products/[id]/status", "POST", "id", { status: "published" }],
    ["api/v1/ports/[port]/contracts", "GET", "port"],
    ["api/v1/ports/[port]/contract-template", "GET", "port"],
    ["api/v1/ports/[port]/compatibility", "PUT", "port", { mode: "BACKWARD" }],
    ["api/schema-registry/subjects/[subject]/versions", "GET", "subject"],
    ["api/schema-registry/config/[subject]", "GET", "subject"],
  ];
  for (const [folder, method, param, body] of routes) {
    it(`${method} /${folder} answers 400 or 404`, async () => {
      for (const value of escapes) {
        const response = await callRoute(folder, method, { params: { [param]: value }, token: adminToken, body: body === undefined ? undefined : JSON.stringify(body) });
        expect([400, 404], `${param}=${value}`).toContain(response.status);
      }
    });
  }

  it("still finds a product and a subject by the name Next decoded once", async () => {
    expect((await callRoute("api/v1/data-products/[id]", "GET", { params: { id: product.urn }, token: adminToken })).status).toBe(200);
    expect((await callRoute("api/v1/ports/[port]/contracts", "GET", { params: { port: `${product.urn}:events` }, token: adminToken })).status).toBe(200);
  });
});

describe("a NUL byte", () => {
  it("in a query filter is a 422 naming the filter", async () => {
    for (const [folder, key] of [["api/v1/search", "domain"], ["api/v1/search", "tag"], ["api/v1/data-products", "domain"], ["api/v1/teams", "domain"], ["api/v1/audit-events", "actor"], ["api/v1/audit-events", "entityType"]]) {
      const error = await errorOf(await callRoute(folder, "GET", { query: `${key}=%00`, token: adminToken }));
      expect(error.status, `${folder}?${key}`).toBe(422);
      expect(error.error?.details.map((d) => d.path), `${folder}?${key}`).toContain(key);
    }
  });

  it("in a JSON string field is a 422 naming the field", async () => {
    const cases: [string, string, Record<string, string>, unknown, string][] = [
      ["api/v1/tokens", "POST", {}, { name: "a\u0000b" }, "name"],
      ["api/v1/data-products/[id]", "PATCH", { id: product.id }, { description: "a\u0000b" }, "description"],
      ["api/v1/data-products/[id]", "PATCH", { id: product.id }, { outputPorts: [{ name: "events", type: "kafka_topic", topic, description: "\u0000" }] }, "outputPorts[0].description"],
      ["api/v1/domains", "POST", {}, { slug: unique("nul"), name: "Nul\u0000domain" }, "name"],
      ["api/v1/data-products/[id]/status", "POST", { id: product.id }, { status: "deprecated", reason: "going \u0000 away", sunsetDate: "2999-01-01" }, "reason"],
      ["api/v1/contracts/check", "POST", {}, { port: portId, contract: "kind: DataContract\u0000" }, "contract"],
    ];
    for (const [folder, method, params, body, field] of cases) {
      const error = await errorOf(await callRoute(folder, method, { params, body: JSON.stringify(body), token: adminToken }));
      expect(error.status, `${method} ${folder}`).toBe(422);
      expect(error.error?.details.map((d) => d.path), `${method} ${folder}`).toContain(field);
    }
  });

  it("in a YAML descriptor or contract is a 422 naming the field", async () => {
    const descriptor = `domain: ${team.domain.slug}\nteam: ${team.team.slug}\nname: "Nul \\0 product"\n`;
    const error = await errorOf(await callRoute("api/v1/data-products", "POST", { body: descriptor, contentType: "application/yaml", token: adminToken }));
    expect(error.status).toBe(422);
    expect(error.error?.details.map((d) => d.path)).toContain("name");
    const contract = contractYaml("1.0.0", { description: { purpose: "a\u0000b" } });
    const contractError = await errorOf(await callRoute("api/v1/ports/[port]/contracts", "POST", { params: { port: portId }, body: contract, contentType: "application/yaml", token: adminToken }));
    expect(contractError.status).toBe(422);
    expect(JSON.stringify(contractError.error)).toMatch(/NUL/);
  });

  it("in a path parameter finds nothing", async () => {
    expect((await callRoute("api/v1/domains/[slug]", "GET", { params: { slug: "a\u0000b" }, token: adminToken })).status).toBe(404);
    // The registry may also refuse a control character in a subject (Confluent's 42208).
    expect([404, 422]).toContain((await callRoute("api/schema-registry/subjects/[subject]/versions", "GET", { params: { subject: "a\u0000b" }, token: adminToken })).status);
    expect([404, 422]).toContain((await callRoute("api/schema-registry/config/[subject]", "GET", { params: { subject: "a\u0000b" }, token: adminToken })).status);
  });
});

describe("malformed JSON on approve and reject", () => {
  it("is a 400, whoever sends it", async () => {
    for (const folder of ["api/v1/contracts/[id]/approve", "api/v1/contracts/[id]/reject"]) {
      for (const token of [adminToken, outsiderToken]) {
        for (const body of ["{", '{"note":', "not json"]) {
          const response = await callRoute(folder, "POST", { params: { id: crypto.randomUUID() }, body, token });
          expect(response.status, `${folder} ${body}`).toBe(400);
        }
      }
    }
  });
});

describe("YAML alias bombs and overflowing versions", () => {
  it("refuses an alias bomb in a descriptor and in a contract with 422 'too many aliases'", async () => {
    const descriptor = await errorOf(await callRoute("api/v1/data-products", "POST", { body: ALIAS_BOMB, contentType: "application/yaml", token: adminToken }));
    expect(descriptor.status).toBe(422);
    expect(descriptor.error?.message).toMatch(/too many aliases/);
    const asYaml = await errorOf(await callRoute("api/v1/ports/[port]/contracts", "POST", { params: { port: portId }, body: ALIAS_BOMB, contentType: "application/yaml", token: adminToken }));
    expect(asYaml.status).toBe(422);
    expect(JSON.stringify(asYaml.error)).toMatch(/too many aliases/);
    const asJson = await errorOf(await callRoute("api/v1/ports/[port]/contracts", "POST", { params: { port: portId }, body: JSON.stringify({ contract: ALIAS_BOMB }), token: adminToken }));
    expect(asJson.status).toBe(422);
    expect(JSON.stringify(asJson.error)).toMatch(/too many aliases/);
    // The check endpoint answers a verdict: invalid, with the reason.
    const check = await callRoute("api/v1/contracts/check", "POST", { query: `port=${portId}`, body: ALIAS_BOMB, contentType: "application/yaml", token: adminToken });
    expect(check.status).toBe(200);
    expect(await check.json()).toMatchObject({ valid: false, errors: [{ message: expect.stringMatching(/too many aliases/) }] });
  });

  it("refuses a contract version that overflows an integer with 422 naming the version", async () => {
    for (const version of ["99999999999999999999.0.0", "1.2147483648.0", "1.0.99999999999"]) {
      const error = await errorOf(await callRoute("api/v1/ports/[port]/contracts", "POST", { params: { port: portId }, body: contractYaml(version), contentType: "application/yaml", token: adminToken }));
      expect(error.status, version).toBe(422);
      expect(error.error?.details.map((d) => d.path), version).toContain("version");
    }
  });

  it("refuses a registry version that overflows an integer with 422", async () => {
    const response = await callRoute("api/schema-registry/subjects/[subject]/versions/[version]", "GET", { params: { subject: `${topic}-value`, version: "99999999999999999999" }, token: adminToken });
    expect(response.status).toBe(422);
  });
});

describe("create refuses what it does not know, and caps lengths", () => {
  const descriptor = (extra: Record<string, unknown>) => ({ domain: team.domain.slug, team: team.team.slug, name: unique("Strict product"), ...extra });

  it("refuses unknown fields on create, naming them", async () => {
    for (const field of ["status", "urn", "owner"]) {
      const error = await expectMeshworkError(createDataProduct(team.owner, descriptor({ [field]: "x" })), "validation_failed");
      expect(JSON.stringify(error.details), field).toContain(field);
    }
    await expectMeshworkError(createDomain(admin, { slug: unique("strict"), name: "Strict domain", owner: "me" }), "validation_failed");
    await expectMeshworkError(createTeam(admin, { domain: team.domain.slug, slug: unique("strict"), name: "Strict team", status: "x" }), "validation_failed");
    await expectMeshworkError(createApiToken(admin, { name: "strict", scopes: ["all"] }), "validation_failed");
    const contract = await expectMeshworkError(submitContractVersion(team.owner, portId, { contract: contractYaml("9.0.0"), status: "active" }), "validation_failed");
    expect(JSON.stringify(contract.details)).toContain("status");
  });

  it("caps the lengths of names, descriptions and reasons", async () => {
    await expectMeshworkError(createDataProduct(team.owner, descriptor({ name: "n".repeat(121) })), "validation_failed");
    await expectMeshworkError(createDataProduct(team.owner, descriptor({ description: "d".repeat(5001) })), "validation_failed");
    const published = await registerProduct(team.owner);
    await changeProductStatus(team.owner, published.id, { status: "published" });
    const error = await expectMeshworkError(changeProductStatus(team.owner, published.id, { status: "deprecated", reason: "r".repeat(2001), sunsetDate: "2999-01-01" }), "validation_failed");
    expect(error.details.map((d) => d.path)).toContain("reason");
  });

  it("refuses bidirectional-override characters in names", async () => {
    for (const char of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      const error = await expectMeshworkError(createDataProduct(team.owner, descriptor({ name: `Invoice ${char}fdp.exe` })), "validation_failed");
      expect(error.details.map((d) => d.path)).toContain("name");
    }
    await expectMeshworkError(createDomain(admin, { slug: unique("bidi"), name: "Bidi \u202E domain" }), "validation_failed");
    await expectMeshworkError(createTeam(admin, { domain: team.domain.slug, slug: unique("bidi"), name: "Bidi \u2067 team" }), "validation_failed");
    await expectMeshworkError(createApiToken(admin, { name: "bidi \u202E token" }), "validation_failed");
  });
});
