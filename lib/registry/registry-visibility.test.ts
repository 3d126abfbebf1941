import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { db } from "@/lib/db";
import { createUser } from "@/lib/testing/fixtures";
import { topicPortWithContract } from "@/lib/testing/table-port-fixture";
import * as compatibilityRoute from "@/app/api/schema-registry/compatibility/subjects/[subject]/versions/[version]/route";
import * as allVersionsCompatibilityRoute from "@/app/api/schema-registry/compatibility/subjects/[subject]/versions/route";
import * as configSubjectRoute from "@/app/api/schema-registry/config/[subject]/route";
import * as schemaIdRoute from "@/app/api/schema-registry/schemas/ids/[id]/route";
import * as schemaIdSchemaRoute from "@/app/api/schema-registry/schemas/ids/[id]/schema/route";
import * as schemaIdSubjectsRoute from "@/app/api/schema-registry/schemas/ids/[id]/subjects/route";
import * as schemaIdVersionsRoute from "@/app/api/schema-registry/schemas/ids/[id]/versions/route";
import * as subjectRoute from "@/app/api/schema-registry/subjects/[subject]/route";
import * as subjectsRoute from "@/app/api/schema-registry/subjects/route";
import * as versionRoute from "@/app/api/schema-registry/subjects/[subject]/versions/[version]/route";
import * as versionSchemaRoute from "@/app/api/schema-registry/subjects/[subject]/versions/[version]/schema/route";
import * as versionsRoute from "@/app/api/schema-registry/subjects/[subject]/versions/route";

// One visibility rule (issue 6, item 5): the registry hides the subjects, versions and schemas of products the
// catalog hides from the caller (drafts and retired products of other teams); the service identity sees everything.
const SERVICE_TOKEN = `svc-${Math.random().toString(36).slice(2)}-test-service-token`;
process.env.MESHWORK_SERVICE_TOKEN = SERVICE_TOKEN;

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(handler: unknown, token: string, params: Record<string, string> = {}, body?: unknown) {
  const request = new Request("http://registry.test/x", {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Basic ${Buffer.from(`reader:${token}`).toString("base64")}`, "content-type": "application/vnd.schemaregistry.v1+json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, body: json as { error_code?: number } & Record<string, unknown> };
}

const tokenOf = async (actor: Actor) => (await createApiToken(actor, { name: "registry visibility" })).token;

/** A product of a fresh team with an active contract, so its value subject has version 1. */
async function productWithSubject() {
  const p = await topicPortWithContract(admin, { properties: [{ name: `only_${Math.random().toString(36).slice(2, 10)}`, logicalType: "string", required: true }] });
  const version = await db.registrySubjectVersion.findFirstOrThrow({ where: { subject: p.subject }, include: { schema: true } });
  return { ...p, schemaId: p.published.schemaId!, schema: version.schema.schema };
}

/** Every registry read of the subject and its schema id, as status and Confluent error code. */
async function readAll(token: string, p: { subject: string; schemaId: number; schema: string }) {
  const subject = { subject: encodeURIComponent(p.subject) };
  const id = { id: String(p.schemaId) };
  const list = await call(subjectsRoute.GET, token);
  const results = {
    listed: Array.isArray(list.body) && (list.body as unknown as string[]).includes(p.subject),
    versions: await call(versionsRoute.GET, token, subject),
    version: await call(versionRoute.GET, token, { ...subject, version: "1" }),
    latest: await call(versionRoute.GET, token, { ...subject, version: "latest" }),
    versionSchema: await call(versionSchemaRoute.GET, token, { ...subject, version: "1" }),
    lookup: await call(subjectRoute.POST, token, subject, { schema: p.schema }),
    compatibility: await call(compatibilityRoute.POST, token, { ...subject, version: "latest" }, { schema: p.schema }),
    versionOneCompatibility: await call(compatibilityRoute.POST, token, { ...subject, version: "1" }, { schema: p.schema }),
    allVersionsCompatibility: await call(allVersionsCompatibilityRoute.POST, token, subject, { schema: p.schema }),
    config: await call(configSubjectRoute.GET, token, subject),
    schemaById: await call(schemaIdRoute.GET, token, id),
    schemaByIdText: await call(schemaIdSchemaRoute.GET, token, id),
    schemaIdVersions: await call(schemaIdVersionsRoute.GET, token, id),
    schemaIdSubjects: await call(schemaIdSubjectsRoute.GET, token, id),
  };
  return results;
}

function expectHidden(r: Awaited<ReturnType<typeof readAll>>) {
  expect(r.listed).toBe(false);
  for (const key of ["versions", "version", "latest", "versionSchema", "lookup"] as const) {
    expect([key, r[key].status, r[key].body.error_code]).toEqual([key, 404, 40401]);
  }
  // A compatibility check answers as for a subject that does not exist (anything goes; version 1 is unknown), so it does not tell a hidden subject from no subject.
  expect([r.compatibility.status, r.compatibility.body]).toEqual([200, { is_compatible: true }]);
  expect([r.allVersionsCompatibility.status, r.allVersionsCompatibility.body]).toEqual([200, { is_compatible: true }]);
  expect([r.versionOneCompatibility.status, r.versionOneCompatibility.body.error_code]).toEqual([404, 40402]);
  // As for a subject without a level of its own.
  expect([r.config.status, r.config.body.error_code]).toEqual([404, 40408]);
  for (const key of ["schemaById", "schemaByIdText", "schemaIdVersions", "schemaIdSubjects"] as const) {
    expect([key, r[key].status, r[key].body.error_code]).toEqual([key, 404, 40403]);
  }
}

function expectReadable(r: Awaited<ReturnType<typeof readAll>>) {
  expect(r.listed).toBe(true);
  for (const key of ["versions", "version", "latest", "versionSchema", "lookup", "compatibility", "versionOneCompatibility", "allVersionsCompatibility", "config", "schemaById", "schemaByIdText", "schemaIdVersions", "schemaIdSubjects"] as const) {
    expect([key, r[key].status]).toEqual([key, 200]);
  }
}

describe("registry reads follow the catalog's visibility", () => {
  it("hides a draft's subject, versions and schema id from an analyst's token", async () => {
    const draft = await productWithSubject();
    const analyst = await createUser();
    expectHidden(await readAll(await tokenOf(analyst), draft));
  });

  it("shows them to the owning team, stewards and the service identity", async () => {
    const draft = await productWithSubject();
    expectReadable(await readAll(await tokenOf(draft.member), draft));
    expectReadable(await readAll(await tokenOf(await createUser({ role: "steward" })), draft));
    expectReadable(await readAll(SERVICE_TOKEN, draft));
  });

  it("shows a published product's subject to everyone, and hides it again once the product is retired", async () => {
    const p = await productWithSubject();
    const analystToken = await tokenOf(await createUser());
    await changeProductStatus(p.owner, p.product.id, { status: "published" });
    expectReadable(await readAll(analystToken, p));
    await changeProductStatus(p.owner, p.product.id, { status: "deprecated", reason: "replaced", sunsetDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
    await changeProductStatus(p.owner, p.product.id, { status: "retired" });
    expectHidden(await readAll(analystToken, p));
    // A retired product's schemas stay readable by its team and the service identity.
    expectReadable(await readAll(await tokenOf(p.member), p));
    expectReadable(await readAll(SERVICE_TOKEN, p));
  });

  it("refuses an unknown service token", async () => {
    const draft = await productWithSubject();
    const r = await call(schemaIdRoute.GET, `${SERVICE_TOKEN}x`, { id: String(draft.schemaId) });
    expect(r.status).toBe(401);
  });
});
