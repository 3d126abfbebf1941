import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, createUser, registerProduct, unique } from "@/lib/testing/fixtures";
import { deleteSubject, deleteSubjectVersion } from "./delete-subject";
import { lookupSchema } from "./lookup-schema";
import { getSchemaById, getSubjectVersion, listSchemaVersions, listSubjects, listSubjectVersions } from "./read-registry";
import { registerSchema } from "./register-schema";
import { RegistryError } from "./registry-error";
import { getCompatibilityLevel, setCompatibilityLevel } from "./set-compatibility-level";
import { testCompatibility } from "./test-compatibility";

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

/** Awaits a promise that must reject with a RegistryError of the given HTTP status and Confluent error code. */
async function expectRegistryError(promise: Promise<unknown>, status: number, errorCode: number): Promise<RegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a RegistryError ${errorCode}`).toBeInstanceOf(RegistryError);
  expect([(error as RegistryError).status, (error as RegistryError).errorCode], (error as RegistryError).message).toEqual([status, errorCode]);
  return error as RegistryError;
}

type AvroField = { name: string; type: unknown; default?: unknown };
const record = (name: string, fields: AvroField[]) => ({ type: "record", name, namespace: "test.registry", fields });
const avro = (schema: unknown, space?: number) => ({ schema: JSON.stringify(schema, null, space) });

/** A subject that belongs to no data product port. */
const freeSubject = () => `${unique("free")}-value`;

async function subjectVersionCount(subject: string) {
  return db.registrySubjectVersion.count({ where: { subject } });
}

/** A product whose topic port has an active contract (order_id: string, amount: number), optionally after another schema object. */
async function portWithContract({ objectBefore }: { objectBefore?: Record<string, unknown> } = {}) {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  const topic = port.location!;
  const contract = YAML.stringify({
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `${product.urn}:events`,
    version: "1.0.0",
    status: "active",
    domain: "sales",
    schema: [
      ...(objectBefore ? [objectBefore] : []),
      {
        name: "orders",
        physicalName: topic,
        logicalType: "object",
        properties: [
          { name: "order_id", logicalType: "string", required: true },
          { name: "amount", logicalType: "number", required: true },
        ],
      },
    ],
  });
  const published = await submitContractVersion(team.owner, port.id, { contract });
  return { ...team, product, port, topic, subject: `${topic}-value`, schemaId: published.schemaId! };
}

const ORDERS_V1 = record("orders", [
  { name: "order_id", type: "string" },
  { name: "amount", type: "double" },
]);

describe("registering schemas", () => {
  it("gives the same schema one global id across subjects, however it is spaced", async () => {
    const [first, second] = [freeSubject(), freeSubject()];
    const schema = record("Shared", [{ name: "id", type: "string" }]);

    const a = await registerSchema(admin, first, avro(schema));
    const b = await registerSchema(admin, second, avro(schema, 4));

    expect(b.id).toBe(a.id);
    expect(await getSchemaById(a.id)).toEqual({ schema: JSON.stringify(schema) });
    expect(await listSchemaVersions(a.id)).toEqual([first, second].sort().map((subject) => ({ subject, version: 1 })));
    expect(await lookupSchema(second, { schema: `  ${JSON.stringify(schema)}  ` })).toEqual({ subject: second, id: a.id, version: 1, schema: JSON.stringify(schema) });
    const other = await registerSchema(admin, first, avro(record("Shared", [{ name: "id", type: "string" }, { name: "n", type: ["null", "int"], default: null }])));
    expect(other.id).not.toBe(a.id);
  });

  it("numbers a subject's versions, and reads the newest as latest or -1", async () => {
    const subject = freeSubject();
    const v1 = await registerSchema(admin, subject, avro(record("Order", [{ name: "id", type: "string" }])));
    const v2 = await registerSchema(admin, subject, avro(record("Order", [{ name: "id", type: "string" }, { name: "note", type: ["null", "string"], default: null }])));

    expect(await listSubjectVersions(subject)).toEqual([1, 2]);
    expect(await getSubjectVersion(subject, "1")).toMatchObject({ subject, version: 1, id: v1.id });
    for (const latest of ["latest", "-1"]) expect(await getSubjectVersion(subject, latest)).toMatchObject({ subject, version: 2, id: v2.id });
    expect((await listSubjects()).filter((s) => s === subject)).toEqual([subject]);
    const audit = await db.auditEvent.findMany({ where: { entityType: "registry_subject", entityId: subject }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.summary])).toEqual([
      ["registry.register", admin.id, `Registered schema id ${v1.id} as version 1 of ${subject}`],
      ["registry.register", admin.id, `Registered schema id ${v2.id} as version 2 of ${subject}`],
    ]);
  });

  it("returns the known id without a new version when a schema is registered again", async () => {
    const subject = freeSubject();
    const v1 = await registerSchema(admin, subject, avro(record("Reading", [{ name: "value", type: "int" }])));
    // int → long is a promotion, so v2 can read v1's data; v1 could not read v2's.
    const v2 = await registerSchema(admin, subject, avro(record("Reading", [{ name: "value", type: "long" }])));
    const auditBefore = await db.auditEvent.count({ where: { entityId: subject } });

    expect(await registerSchema(admin, subject, avro(record("Reading", [{ name: "value", type: "long" }]), 2))).toEqual({ id: v2.id });
    // A producer still on the older schema gets its id back (Confluent looks the schema up before checking compatibility).
    expect(await registerSchema(admin, subject, avro(record("Reading", [{ name: "value", type: "int" }])))).toEqual({ id: v1.id });

    expect(await listSubjectVersions(subject)).toEqual([1, 2]);
    expect(await db.auditEvent.count({ where: { entityId: subject } })).toBe(auditBefore);
  });

  it("refuses a schema that is not valid Avro, JSON or a supported type", async () => {
    const subject = freeSubject();
    const noFields = await expectRegistryError(registerSchema(admin, subject, { schema: JSON.stringify({ type: "record", name: "Broken" }) }), 422, 42201);
    expect(noFields.message).toMatch(/^Invalid schema: /);
    const unknownType = await expectRegistryError(registerSchema(admin, subject, avro(record("Broken", [{ name: "x", type: "strang" }]))), 422, 42201);
    expect(unknownType.message).toContain("strang");
    const notJson = await expectRegistryError(registerSchema(admin, subject, { schema: "{ not json" }), 422, 42201);
    expect(notJson.message).toContain("not valid JSON");
    const protobuf = await expectRegistryError(registerSchema(admin, subject, { schema: "syntax = \"proto3\";", schemaType: "PROTOBUF" }), 422, 42201);
    expect(protobuf.message).toContain("PROTOBUF");
    const missing = await expectRegistryError(registerSchema(admin, subject, {}), 422, 42201);
    expect(missing.message).toContain("schema");
    const badJsonSchema = await expectRegistryError(registerSchema(admin, subject, { schemaType: "JSON", schema: JSON.stringify({ type: "strang" }) }), 422, 42201);
    expect(badJsonSchema.message).toMatch(/^Invalid schema: /);
    await expectRegistryError(listSubjectVersions(subject), 404, 40401);
  });

  it("registers JSON Schemas and reports their type", async () => {
    const subject = freeSubject();
    const schema = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    const { id } = await registerSchema(admin, subject, { schemaType: "JSON", schema: JSON.stringify(schema) });
    expect(await getSchemaById(id)).toEqual({ schemaType: "JSON", schema: JSON.stringify(schema) });
    expect(await getSubjectVersion(subject, "latest")).toMatchObject({ version: 1, schemaType: "JSON" });
    const mixed = await expectRegistryError(registerSchema(admin, subject, avro(record("Mixed", [{ name: "id", type: "string" }]))), 409, 409);
    expect(mixed.message).toContain("the subject holds JSON schemas; a AVRO schema cannot follow them");
  });

  it("refuses an incompatible schema with the reason, registering nothing", async () => {
    const subject = freeSubject();
    await registerSchema(admin, subject, avro(record("Payment", [{ name: "amount", type: "string" }])));
    const schemasBefore = await db.registrySchema.count();

    const error = await expectRegistryError(registerSchema(admin, subject, avro(record("Payment", [{ name: "amount", type: "int" }]))), 409, 409);

    expect(error.message).toBe(`Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [field "amount": type changed from string to int]`);
    expect(await listSubjectVersions(subject)).toEqual([1]);
    expect(await db.registrySchema.count()).toBe(schemasBefore);
  });
});

describe("reading the registry", () => {
  it("answers unknown subjects, versions and ids with Confluent's codes", async () => {
    const subject = freeSubject();
    const { id } = await registerSchema(admin, subject, avro(record("Known", [{ name: "id", type: "string" }])));
    const unknown = freeSubject();

    const error = await expectRegistryError(listSubjectVersions(unknown), 404, 40401);
    expect(error.message).toBe(`Subject '${unknown}' not found.`);
    await expectRegistryError(getSubjectVersion(unknown, "1"), 404, 40401);
    await expectRegistryError(lookupSchema(unknown, avro(record("Known", [{ name: "id", type: "string" }]))), 404, 40401);
    await expectRegistryError(getSubjectVersion(subject, "2"), 404, 40402);
    for (const bad of ["abc", "0", "1.5", "-2", String(2 ** 31)]) await expectRegistryError(getSubjectVersion(subject, bad), 422, 42202);
    await expectRegistryError(getSchemaById(id + 100_000), 404, 40403);
    await expectRegistryError(getSchemaById(-1), 404, 40403);
    await expectRegistryError(lookupSchema(subject, avro(record("Unknown", [{ name: "id", type: "string" }]))), 404, 40403);
  });
});

describe("compatibility", () => {
  it("tests a schema against a subject without saving it, with verbose reasons", async () => {
    const subject = freeSubject();
    await registerSchema(admin, subject, avro(record("Item", [{ name: "sku", type: "string" }])));
    await registerSchema(admin, subject, avro(record("Item", [{ name: "sku", type: "string" }, { name: "qty", type: ["null", "int"], default: null }])));
    const before = await db.registrySubjectVersion.count();

    const addsDefaulted = avro(record("Item", [{ name: "sku", type: "string" }, { name: "qty", type: ["null", "int"], default: null }, { name: "tag", type: ["null", "string"], default: null }]));
    expect(await testCompatibility(subject, "latest", addsDefaulted, false)).toEqual({ is_compatible: true });
    expect(await testCompatibility(subject, "latest", addsDefaulted, true)).toEqual({ is_compatible: true, messages: [] });

    const addsRequired = avro(record("Item", [{ name: "sku", type: "string" }, { name: "price", type: "double" }]));
    expect(await testCompatibility(subject, "latest", addsRequired, true)).toEqual({ is_compatible: false, messages: ['field "price" was added without a default'] });
    expect(await testCompatibility(subject, "-1", addsRequired, false)).toEqual({ is_compatible: false });

    // qty as a string breaks version 2 but not version 1, which had no qty.
    const qtyAsString = avro(record("Item", [{ name: "sku", type: "string" }, { name: "qty", type: ["null", "string"], default: null }]));
    expect(await testCompatibility(subject, "1", qtyAsString, true)).toEqual({ is_compatible: true, messages: [] });
    expect(await testCompatibility(subject, "2", qtyAsString, true)).toEqual({ is_compatible: false, messages: ['field "qty": type changed from int to string'] });

    await expectRegistryError(testCompatibility(subject, "3", addsDefaulted, false), 404, 40402);
    await expectRegistryError(testCompatibility(subject, "abc", addsDefaulted, false), 422, 42202);
    expect(await testCompatibility(freeSubject(), "latest", addsDefaulted, false)).toEqual({ is_compatible: true });
    await expectRegistryError(testCompatibility(subject, "latest", { schema: "{}" }, false), 422, 42201);
    expect(await db.registrySubjectVersion.count()).toBe(before);
  });

  it("keeps levels per subject and globally, and refuses unknown levels", async () => {
    const subject = freeSubject();
    const error = await expectRegistryError(setCompatibilityLevel(admin, subject, { compatibility: "SIDEWAYS" }), 422, 42203);
    expect(error.message).toContain("got 'SIDEWAYS'");
    await expectRegistryError(setCompatibilityLevel(admin, subject, {}), 422, 42203);
    expect(await getCompatibilityLevel(subject, false)).toBeNull();
    expect(await getCompatibilityLevel(subject, true)).toEqual({ compatibilityLevel: "BACKWARD" });

    expect(await setCompatibilityLevel(admin, subject, { compatibility: "forward" })).toEqual({ compatibility: "FORWARD" });
    expect(await getCompatibilityLevel(subject, false)).toEqual({ compatibilityLevel: "FORWARD" });

    // FORWARD: the previous schema must read the new one's data, so a new field without a default is fine.
    await registerSchema(admin, subject, avro(record("Fwd", [{ name: "id", type: "string" }])));
    await registerSchema(admin, subject, avro(record("Fwd", [{ name: "id", type: "string" }, { name: "extra", type: "int" }])));
    await expectRegistryError(registerSchema(admin, subject, avro(record("Fwd", [{ name: "extra", type: "int" }]))), 409, 409);

    const other = freeSubject();
    const user = await createUser();
    await expectRegistryError(setCompatibilityLevel(user, null, { compatibility: "NONE" }), 403, 40301);
    try {
      expect(await setCompatibilityLevel(admin, null, { compatibilityLevel: "FULL" })).toEqual({ compatibility: "FULL" });
      expect(await getCompatibilityLevel(null, true)).toEqual({ compatibilityLevel: "FULL" });
      expect(await getCompatibilityLevel(other, true)).toEqual({ compatibilityLevel: "FULL" });
      expect(await getCompatibilityLevel(subject, true)).toEqual({ compatibilityLevel: "FORWARD" });
    } finally {
      await setCompatibilityLevel(admin, null, { compatibility: "BACKWARD" });
    }
  });

  it("reports and sets a port subject's level as the port's own compatibility mode", async () => {
    const { owner, port, subject } = await portWithContract();
    expect(await getCompatibilityLevel(subject, false)).toEqual({ compatibilityLevel: "BACKWARD" });
    await db.port.update({ where: { id: port.id }, data: { compatibilityMode: "FULL_TRANSITIVE" } });
    expect(await getCompatibilityLevel(subject, false)).toEqual({ compatibilityLevel: "FULL_TRANSITIVE" });

    expect(await setCompatibilityLevel(owner, subject, { compatibility: "NONE" })).toEqual({ compatibility: "NONE" });

    expect((await db.port.findUniqueOrThrow({ where: { id: port.id } })).compatibilityMode).toBe("NONE");
    expect(await db.registryConfig.findUnique({ where: { subject } })).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "registry.config", entityId: port.id } });
    expect([audit.before, audit.after]).toEqual([{ compatibility: "FULL_TRANSITIVE" }, { compatibility: "NONE" }]);
    const outsider = await createOwnedTeam(admin);
    await expectRegistryError(setCompatibilityLevel(outsider.owner, subject, { compatibility: "FULL" }), 403, 40301);
    expect((await db.port.findUniqueOrThrow({ where: { id: port.id } })).compatibilityMode).toBe("NONE");
  });
});

describe("deleting", () => {
  it("hides soft-deleted subjects and versions, and deletes permanently only after a soft delete", async () => {
    const subject = freeSubject();
    const v1 = await registerSchema(admin, subject, avro(record("Gone", [{ name: "id", type: "string" }])));
    await registerSchema(admin, subject, avro(record("Gone", [{ name: "id", type: "string" }, { name: "n", type: ["null", "int"], default: null }])));

    const notFirst = await expectRegistryError(deleteSubject(admin, subject, true), 404, 40405);
    expect(notFirst.message).toBe(`Subject '${subject}' was not deleted first before being permanently deleted`);
    await expectRegistryError(deleteSubjectVersion(admin, subject, "1", true), 404, 40407);

    expect(await deleteSubject(admin, subject, false)).toEqual([1, 2]);

    expect(await listSubjects()).not.toContain(subject);
    expect(await listSubjects(true)).toContain(subject);
    await expectRegistryError(listSubjectVersions(subject), 404, 40401);
    expect(await listSubjectVersions(subject, true)).toEqual([1, 2]);
    await expectRegistryError(getSubjectVersion(subject, "1"), 404, 40401);
    expect(await getSubjectVersion(subject, "1", true)).toMatchObject({ version: 1, id: v1.id });
    // Ids outlive their subjects.
    expect(await getSchemaById(v1.id)).toHaveProperty("schema");
    await expectRegistryError(deleteSubject(admin, subject, false), 404, 40404);

    expect(await deleteSubject(admin, subject, true)).toEqual([1, 2]);
    expect(await subjectVersionCount(subject)).toBe(0);
    expect(await listSubjects(true)).not.toContain(subject);
    await expectRegistryError(deleteSubject(admin, subject, true), 404, 40401);
  });

  it("deletes single versions, latest first when asked for latest", async () => {
    const subject = freeSubject();
    await registerSchema(admin, subject, avro(record("Ver", [{ name: "id", type: "string" }])));
    await registerSchema(admin, subject, avro(record("Ver", [{ name: "id", type: "string" }, { name: "n", type: ["null", "int"], default: null }])));

    expect(await deleteSubjectVersion(admin, subject, "latest", false)).toBe(2);
    expect(await listSubjectVersions(subject)).toEqual([1]);
    expect((await getSubjectVersion(subject, "latest")).version).toBe(1);
    await expectRegistryError(deleteSubjectVersion(admin, subject, "2", false), 404, 40406);
    expect(await deleteSubjectVersion(admin, subject, "2", true)).toBe(2);
    expect(await listSubjectVersions(subject, true)).toEqual([1]);
    await expectRegistryError(deleteSubjectVersion(admin, subject, "x", false), 422, 42202);
  });
});

describe("who may write", () => {
  it("lets the owning team write its port's subject and refuses everyone else with 40301", async () => {
    const { member, subject, schemaId } = await portWithContract();
    const outsider = await createOwnedTeam(admin);
    const steward = await createUser({ role: "steward" });
    const versionsBefore = await subjectVersionCount(subject);

    for (const actor of [outsider.owner, outsider.member, steward]) {
      const error = await expectRegistryError(registerSchema(actor, subject, avro(ORDERS_V1)), 403, 40301);
      expect(error.message).toContain("only its owning team can write it");
      await expectRegistryError(deleteSubject(actor, subject, false), 403, 40301);
    }
    expect(await subjectVersionCount(subject)).toBe(versionsBefore);

    // The owning team's serializer registers the contract's own schema and gets its id back.
    const contractSchema = (await getSubjectVersion(subject, "latest")).schema;
    expect(await registerSchema(member, subject, { schema: contractSchema })).toEqual({ id: schemaId });
    expect(await subjectVersionCount(subject)).toBe(versionsBefore);
  });

  it("refuses new schemas on a retired product's subjects, but still returns known ids", async () => {
    const { owner, product, subject, schemaId } = await portWithContract();
    await changeProductStatus(owner, product.id, { status: "retired" });
    const contractSchema = (await getSubjectVersion(subject, "latest")).schema;
    expect(await registerSchema(owner, subject, { schema: contractSchema })).toEqual({ id: schemaId });
    const withNote = record("orders", [
      { name: "order_id", type: "string" },
      { name: "amount", type: "double" },
      { name: "note", type: ["null", "string"], default: null },
    ]);
    const error = await expectRegistryError(registerSchema(owner, subject, avro(withNote)), 403, 40301);
    expect(error.message).toContain("is retired");
  });

  it("keeps subjects of no port to admins", async () => {
    const subject = freeSubject();
    const user = await createUser();
    const steward = await createUser({ role: "steward" });
    const { owner } = await createOwnedTeam(admin);
    for (const actor of [user, steward, owner]) {
      const error = await expectRegistryError(registerSchema(actor, subject, avro(ORDERS_V1)), 403, 40301);
      expect(error.message).toBe(`Subject '${subject}' belongs to no data product port; only admins can write it.`);
    }
    expect(await subjectVersionCount(subject)).toBe(0);
    expect((await registerSchema(admin, subject, avro(ORDERS_V1))).id).toEqual(expect.any(Number));
  });

  it("holds a port's subject to the port's active contract, naming the field", async () => {
    const { owner, subject } = await portWithContract();
    const versionsBefore = await subjectVersionCount(subject);

    const wrongType = await expectRegistryError(
      registerSchema(owner, subject, avro(record("orders", [{ name: "order_id", type: "string" }, { name: "amount", type: "boolean" }]))),
      422,
      42201,
    );
    expect(wrongType.message).toContain('field "amount": the contract says number, the schema says boolean');
    expect(wrongType.message).toContain("does not match the active contract 1.0.0");

    const undeclared = await expectRegistryError(
      registerSchema(owner, subject, avro(record("orders", [{ name: "order_id", type: "string" }, { name: "amount", type: "double" }, { name: "coupon", type: ["null", "string"], default: null }]))),
      422,
      42201,
    );
    expect(undeclared.message).toContain('field "coupon" is in the schema but not declared in the contract');
    expect(await subjectVersionCount(subject)).toBe(versionsBefore);

    // A schema that matches the contract in other words (here, with a default for amount) is accepted as a new version.
    const matching = await registerSchema(owner, subject, avro({ type: "record", name: "orders", namespace: "sales", fields: [{ name: "order_id", type: "string" }, { name: "amount", type: "double", default: 0 }] }));
    expect(await getSubjectVersion(subject, "latest")).toMatchObject({ id: matching.id, version: versionsBefore + 1 });
  });

  it("checks against the contract's schema object for the topic when the contract has several", async () => {
    const customers = { name: "customers", physicalName: "crm.customers", logicalType: "object", properties: [{ name: "customer_id", logicalType: "string", required: true }] };
    const { owner, subject, schemaId } = await portWithContract({ objectBefore: customers });
    expect(JSON.parse((await getSchemaById(schemaId)).schema).name).toBe("orders");

    const next = await registerSchema(owner, subject, avro({ type: "record", name: "orders", namespace: "sales", fields: [{ name: "order_id", type: "string" }, { name: "amount", type: "double", default: 0 }] }));

    expect(next.id).not.toBe(schemaId);
    expect((await getSubjectVersion(subject, "latest")).id).toBe(next.id);
  });
});
