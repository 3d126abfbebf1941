import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createUser, unique } from "@/lib/testing/fixtures";
import { deleteCompatibilityLevel } from "./delete-compatibility-level";
import { deleteSubject, deleteSubjectVersion } from "./delete-subject";
import { listSchemaSubjects } from "./list-schema-subjects";
import { listSchemaVersions, listSubjects, listSubjectVersions } from "./read-registry";
import { registerSchema } from "./register-schema";
import { RegistryError } from "./registry-error";
import { getCompatibilityLevel, setCompatibilityLevel } from "./set-compatibility-level";
import { testCompatibility } from "./test-compatibility";

// Confluent Schema Registry's REST semantics, from its API reference (docs.confluent.io, "Schema Registry API
// Reference") and its error codes (rest/exceptions/Errors.java): each row is one request and Confluent's answer.

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

async function registryError(promise: Promise<unknown>): Promise<[number, number]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a RegistryError").toBeInstanceOf(RegistryError);
  return [(error as RegistryError).status, (error as RegistryError).errorCode];
}

const freeSubject = () => `${unique("rest")}-value`;
const record = (fields: { name: string; type: unknown; default?: unknown }[]) => ({ schema: JSON.stringify({ type: "record", name: "Rest", namespace: "test.rest", fields }) });
const V1 = record([{ name: "id", type: "string" }]);
const V2 = record([{ name: "id", type: "string" }, { name: "note", type: "string", default: "" }]);
// Reads v2's data (note is there) but not v1's (note is missing and has no default).
const NOTE_WITHOUT_DEFAULT = record([{ name: "id", type: "string" }, { name: "note", type: "string" }]);

describe("POST /compatibility/subjects/{subject}/versions[/{version}]", () => {
  let subject: string;
  beforeAll(async () => {
    subject = freeSubject();
    await setCompatibilityLevel(admin, subject, { compatibility: "BACKWARD_TRANSITIVE" });
    await registerSchema(admin, subject, V1);
    await registerSchema(admin, subject, V2);
  });

  it.each([
    { version: "2", compatible: true, why: "a named version is the only one checked, even under a transitive mode" },
    { version: "latest", compatible: true, why: "latest is version 2 alone" },
    { version: "1", compatible: false, why: "version 1 cannot be read" },
    { version: null, compatible: false, why: "without a version, every version the transitive mode names is checked" },
  ])("under BACKWARD_TRANSITIVE, version $version → is_compatible $compatible ($why)", async ({ version, compatible }) => {
    expect((await testCompatibility(subject, version, NOTE_WITHOUT_DEFAULT, false)).is_compatible).toBe(compatible);
  });

  it("without a version under a non-transitive mode checks the latest version only", async () => {
    const other = freeSubject();
    await registerSchema(admin, other, V1);
    await registerSchema(admin, other, V2);
    expect(await testCompatibility(other, null, NOTE_WITHOUT_DEFAULT, true)).toEqual({ is_compatible: true, messages: [] });
  });

  it.each([
    { version: "latest", answer: { is_compatible: true } },
    { version: null, answer: { is_compatible: true } },
  ])("on an unknown subject, version $version → $answer", async ({ version, answer }) => {
    expect(await testCompatibility(freeSubject(), version, V1, false)).toEqual(answer);
  });

  it("on an unknown subject, a numbered version is not found (40402)", async () => {
    expect(await registryError(testCompatibility(freeSubject(), "1", V1, false))).toEqual([404, 40402]);
  });
});

describe("schema types under NONE", () => {
  it("lets a subject change schema type under NONE, and refuses it under BACKWARD", async () => {
    const subject = freeSubject();
    await registerSchema(admin, subject, V1);
    const json = { schemaType: "JSON", schema: JSON.stringify({ type: "object", properties: { id: { type: "string" } } }) };
    expect(await registryError(registerSchema(admin, subject, json))).toEqual([409, 409]);
    await setCompatibilityLevel(admin, subject, { compatibility: "NONE" });
    expect(await testCompatibility(subject, "latest", json, false)).toEqual({ is_compatible: true });
    const { id } = await registerSchema(admin, subject, json);
    expect(await listSubjectVersions(subject)).toEqual([1, 2]);
    expect(await listSchemaVersions(id)).toEqual([{ subject, version: 2 }]);
  });
});

describe("subject names", () => {
  it.each(["bad\u0000subject-value", "tab\there-value", "line\nbreak-value", "del\u007f-value", "c1\u0085-value"])("refuses %j with 42208", async (subject) => {
    expect(await registryError(registerSchema(admin, subject, V1))).toEqual([422, 42208]);
    expect(await registryError(setCompatibilityLevel(admin, subject, { compatibility: "NONE" }))).toEqual([422, 42208]);
  });
});

describe("deleting: Confluent's error codes", () => {
  it.each([
    { name: "soft-deleting a version already soft-deleted", first: "soft", then: "soft", answer: [404, 40406] },
    { name: "permanently deleting a version not soft-deleted first", first: null, then: "permanent", answer: [404, 40407] },
    { name: "soft-deleting a version that never existed", first: null, then: "soft-missing", answer: [404, 40402] },
  ])("$name → $answer", async ({ first, then, answer }) => {
    const subject = freeSubject();
    await registerSchema(admin, subject, V1);
    await registerSchema(admin, subject, V2);
    if (first === "soft") await deleteSubjectVersion(admin, subject, "1", false);
    const version = then === "soft-missing" ? "9" : "1";
    expect(await registryError(deleteSubjectVersion(admin, subject, version, then === "permanent"))).toEqual(answer);
  });

  it("answers 40404 for a subject already soft-deleted and 40405 for a permanent delete first", async () => {
    const subject = freeSubject();
    await registerSchema(admin, subject, V1);
    expect(await registryError(deleteSubject(admin, subject, true))).toEqual([404, 40405]);
    await deleteSubject(admin, subject, false);
    expect(await registryError(deleteSubject(admin, subject, false))).toEqual([404, 40404]);
  });
});

describe("?deleted=true and ?deletedOnly=true", () => {
  it("lists live, all, or only soft-deleted subjects and versions", async () => {
    const [live, gone] = [freeSubject(), freeSubject()];
    await registerSchema(admin, live, V1);
    await registerSchema(admin, live, V2);
    await deleteSubjectVersion(admin, live, "1", false);
    await registerSchema(admin, gone, V1);
    await deleteSubject(admin, gone, false);

    const mine = (subjects: string[]) => subjects.filter((s) => s === live || s === gone).sort();
    expect(mine(await listSubjects())).toEqual([live]);
    expect(mine(await listSubjects(true))).toEqual([live, gone].sort());
    expect(mine(await listSubjects("only"))).toEqual([gone]);
    expect(await listSubjectVersions(live)).toEqual([2]);
    expect(await listSubjectVersions(live, true)).toEqual([1, 2]);
    expect(await listSubjectVersions(live, "only")).toEqual([1]);
    expect(await listSubjectVersions(gone, "only")).toEqual([1]);
  });
});

describe("GET /schemas/ids/{id}/subjects", () => {
  it("lists the subjects holding a schema id, deleted ones on request, and 40403 for an unknown id", async () => {
    const [a, b] = [freeSubject(), freeSubject()].sort();
    const body = record([{ name: unique("f").replace(/-/g, "_"), type: "string" }]);
    const { id } = await registerSchema(admin, a, body);
    await registerSchema(admin, b, body);
    await deleteSubject(admin, b, false);

    expect(await listSchemaSubjects(id)).toEqual([a]);
    expect(await listSchemaSubjects(id, true)).toEqual([a, b]);
    expect(await registryError(listSchemaSubjects(2 ** 31 - 2))).toEqual([404, 40403]);
  });
});

describe("DELETE /config/{subject}", () => {
  it("removes a subject's own level, answering the level it had, so the global level applies again", async () => {
    const subject = freeSubject();
    await setCompatibilityLevel(admin, subject, { compatibility: "FULL" });
    expect(await deleteCompatibilityLevel(admin, subject)).toEqual({ compatibilityLevel: "FULL" });
    expect(await getCompatibilityLevel(subject, false)).toBeNull();
    expect(await getCompatibilityLevel(subject, true)).toEqual({ compatibilityLevel: "BACKWARD" });
    expect(await registryError(deleteCompatibilityLevel(admin, subject))).toEqual([404, 40401]);
  });

  it("is for admins on subjects of no port", async () => {
    const subject = freeSubject();
    await setCompatibilityLevel(admin, subject, { compatibility: "FULL" });
    expect(await registryError(deleteCompatibilityLevel(await createUser(), subject))).toEqual([403, 40301]);
  });
});
