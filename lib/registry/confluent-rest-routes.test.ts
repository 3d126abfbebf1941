import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/testing/call-route";
import { createUser, unique } from "@/lib/testing/fixtures";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { registryApi } from "./registry-api";

// The Confluent REST routes of issue 7 item 14, called as HTTP requests through the app's route handlers
// (the dedicated listener serves the same registryApi table).

let token: string;
beforeAll(async () => {
  token = (await createApiToken(await createUser({ role: "admin" }), { name: "confluent-routes" })).token;
});

const json = async (response: Response) => [response.status, await response.json()] as const;
const body = (fields: { name: string; type: unknown; default?: unknown }[]) => JSON.stringify({ schema: JSON.stringify({ type: "record", name: "Route", namespace: "test.routes", fields }) });
const V1 = body([{ name: "id", type: "string" }]);
const V2 = body([{ name: "id", type: "string" }, { name: "note", type: "string", default: "" }]);
const NOTE_WITHOUT_DEFAULT = body([{ name: "id", type: "string" }, { name: "note", type: "string" }]);

async function register(subject: string, schema: string) {
  const [status] = await json(await callRoute("api/schema-registry/subjects/[subject]/versions", "POST", { params: { subject }, body: schema, token }));
  expect(status).toBe(200);
}

describe("Confluent REST routes", () => {
  it("the listener and the web app both serve the new routes", () => {
    expect(Object.keys(registryApi)).toEqual(expect.arrayContaining(["compatibility/subjects/[subject]/versions", "schemas/ids/[id]/subjects"]));
    expect(Object.keys(registryApi["config/[subject]"])).toContain("DELETE");
  });

  it("POST /compatibility/subjects/{s}/versions checks every version a transitive mode names; .../versions/{v} only v", async () => {
    const subject = `${unique("routes")}-value`;
    await callRoute("api/schema-registry/config/[subject]", "PUT", { params: { subject }, body: JSON.stringify({ compatibility: "BACKWARD_TRANSITIVE" }), token });
    await register(subject, V1);
    await register(subject, V2);
    const all = await json(await callRoute("api/schema-registry/compatibility/subjects/[subject]/versions", "POST", { params: { subject }, body: NOTE_WITHOUT_DEFAULT, token }));
    expect(all).toEqual([200, { is_compatible: false }]);
    const latest = await json(await callRoute("api/schema-registry/compatibility/subjects/[subject]/versions/[version]", "POST", { params: { subject, version: "latest" }, body: NOTE_WITHOUT_DEFAULT, token }));
    expect(latest).toEqual([200, { is_compatible: true }]);
    const unknown = await json(await callRoute("api/schema-registry/compatibility/subjects/[subject]/versions", "POST", { params: { subject: `${unique("none")}-value` }, body: V1, token }));
    expect(unknown).toEqual([200, { is_compatible: true }]);
  });

  it("DELETE /config/{subject} answers the level it removes, then 40401", async () => {
    const subject = `${unique("routes")}-value`;
    await callRoute("api/schema-registry/config/[subject]", "PUT", { params: { subject }, body: JSON.stringify({ compatibility: "FULL" }), token });
    expect(await json(await callRoute("api/schema-registry/config/[subject]", "DELETE", { params: { subject }, token }))).toEqual([200, { compatibilityLevel: "FULL" }]);
    const [status, error] = await json(await callRoute("api/schema-registry/config/[subject]", "DELETE", { params: { subject }, token }));
    expect([status, error.error_code]).toEqual([404, 40401]);
  });

  it("?deletedOnly=true lists only soft-deleted versions and subjects; ?deleted=true adds them", async () => {
    const subject = `${unique("routes")}-value`;
    await register(subject, V1);
    await register(subject, V2);
    await callRoute("api/schema-registry/subjects/[subject]/versions/[version]", "DELETE", { params: { subject, version: "1" }, token });
    const versions = (query: string) => callRoute("api/schema-registry/subjects/[subject]/versions", "GET", { params: { subject }, query, token }).then(json);
    expect(await versions("")).toEqual([200, [2]]);
    expect(await versions("deleted=true")).toEqual([200, [1, 2]]);
    expect(await versions("deletedOnly=true")).toEqual([200, [1]]);
    await callRoute("api/schema-registry/subjects/[subject]", "DELETE", { params: { subject }, token });
    const subjects = async (query: string) => ((await callRoute("api/schema-registry/subjects", "GET", { query, token }).then(json))[1] as string[]).includes(subject);
    expect([await subjects(""), await subjects("deleted=true"), await subjects("deletedOnly=true")]).toEqual([false, true, true]);
  });

  it("refuses a subject with a control character with 42208", async () => {
    const [status, error] = await json(await callRoute("api/schema-registry/subjects/[subject]/versions", "POST", { params: { subject: "bad\u0007-value" }, body: V1, token }));
    expect([status, error.error_code]).toEqual([422, 42208]);
  });
});
