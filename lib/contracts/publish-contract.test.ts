import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { getSubjectVersion, listSubjectVersions } from "@/lib/registry/read-registry";
import { addMember, createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { checkContract } from "./check-contract";
import { contractTemplate } from "./contract-template";
import { decideContractVersion } from "./decide-contract-version";
import { diffContractVersions } from "./diff-contract-versions";
import { listContractVersions } from "./list-contract-versions";
import { listPendingApprovals } from "./list-pending-approvals";
import { parseContract } from "./parse-contract";
import { setPortCompatibility } from "./set-port-compatibility";
import { submitContractVersion } from "./submit-contract-version";

let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

type Field = { name: string; type: string; physical?: string; required?: boolean; primaryKey?: boolean };

const ORDER_ID: Field = { name: "order_id", type: "string", required: true };
const AMOUNT: Field = { name: "amount", type: "number", required: true };
const NOTE: Field = { name: "note", type: "string" };
const BASE = [ORDER_ID, AMOUNT];
const AMOUNT_AS_STRING = [ORDER_ID, { ...AMOUNT, type: "string" }];

/** An ODCS contract for a topic, laid out line by line so error positions are predictable. */
function contractYaml(topic: string, version: string, fields: Field[]): string {
  const lines = [
    "apiVersion: v3.1.0",
    "kind: DataContract",
    `id: ${topic}`,
    `name: Orders on ${topic}`,
    `version: ${version}`,
    "status: active",
    "domain: sales",
    "schema:",
    "  - name: orders",
    `    physicalName: ${topic}`,
    "    logicalType: object",
    "    properties:",
    ...fields.flatMap((f) => [
      `      - name: ${f.name}`,
      `        logicalType: ${f.type}`,
      ...(f.physical ? [`        physicalType: ${f.physical}`] : []),
      ...(f.required ? ["        required: true"] : []),
      ...(f.primaryKey ? ["        primaryKey: true"] : []),
    ]),
  ];
  return `${lines.join("\n")}\n`;
}

/** A team, its product with one topic port, and the port's row. */
async function ownedTopic({ published = false } = {}) {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  if (published) await changeProductStatus(team.owner, product.id, { status: "published" });
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  return { ...team, product, port, topic: port.location!, portUrn: `${product.urn}:events` };
}

async function counts() {
  const [versions, subjectVersions, schemas, events, auditEvents] = await Promise.all([
    db.contractVersion.count(),
    db.registrySubjectVersion.count(),
    db.registrySchema.count(),
    db.contractEvent.count(),
    db.auditEvent.count(),
  ]);
  return { versions, subjectVersions, schemas, events, auditEvents };
}

async function versionRow(portId: string, version: string) {
  return db.contractVersion.findUniqueOrThrow({ where: { portId_version: { portId, version } } });
}

describe("an owner publishes contract versions of a topic port", () => {
  it("activates 1.0.0, registers its Avro schema under <topic>-value, and records the event and the audit", async () => {
    const { owner, port, topic, product } = await ownedTopic();

    const result = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", [{ ...ORDER_ID, primaryKey: true }, AMOUNT]) });

    expect(result).toMatchObject({ version: "1.0.0", status: "active", reasons: [], externalSyncError: null });
    expect(result.schemaId).toEqual(expect.any(Number));
    const row = await versionRow(port.id, "1.0.0");
    expect(row.id).toBe(result.id);
    expect(row.status).toBe("active");
    expect(row.activatedAt).toBeInstanceOf(Date);

    const registered = await db.registrySubjectVersion.findMany({ where: { subject: `${topic}-value` } });
    expect(registered.map((r) => [r.version, r.schemaId])).toEqual([[1, result.schemaId]]);
    const latest = await getSubjectVersion(`${topic}-value`, "latest");
    const avro = JSON.parse(latest.schema);
    expect(avro).toMatchObject({ type: "record", name: "orders", namespace: "sales" });
    expect(avro.fields.map((f: { name: string; type: unknown }) => [f.name, f.type])).toEqual([
      ["order_id", "string"],
      ["amount", "double"],
    ]);
    // The primary key becomes the Kafka key's schema.
    expect(JSON.parse((await getSubjectVersion(`${topic}-key`, "1")).schema)).toBe("string");

    const events = await db.contractEvent.findMany({ where: { portId: port.id } });
    expect(events.map((e) => ({ type: e.type, contractVersionId: e.contractVersionId, diff: e.diff }))).toEqual([
      { type: "contract.activated", contractVersionId: result.id, diff: { version: "1.0.0", previousVersion: null, changes: [] } },
    ]);
    const audit = await db.auditEvent.findMany({ where: { entityType: "contract_version", entityId: result.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["contract.publish", owner.id],
      ["contract.activate", owner.id],
    ]);
    expect(audit[1].summary).toBe(`Contract 1.0.0 is active on ${product.urn}:${topic} (schema id ${result.schemaId})`);
  });

  it("activates a compatible 1.1.0 at once, deprecates 1.0.0, and tells subscribers which field was added", async () => {
    const { owner, member, port, topic, portUrn } = await ownedTopic();
    const first = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });

    // A plain member of the owning team may publish, and the port may be named by URN.
    const second = await submitContractVersion(member, portUrn, { contract: contractYaml(topic, "1.1.0", [...BASE, NOTE]) });

    expect(second.status).toBe("active");
    expect(second.schemaId).not.toBe(first.schemaId);
    expect(second.changes.map((c) => [c.kind, c.field, c.breaking])).toEqual([["field-added", "note", false]]);
    expect((await versionRow(port.id, "1.0.0")).status).toBe("deprecated");
    expect((await versionRow(port.id, "1.1.0")).status).toBe("active");
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1, 2]);
    expect((await getSubjectVersion(`${topic}-value`, "-1")).id).toBe(second.schemaId);

    const event = await db.contractEvent.findFirstOrThrow({ where: { contractVersionId: second.id } });
    expect(event.type).toBe("contract.activated");
    expect(event.diff).toMatchObject({ version: "1.1.0", previousVersion: "1.0.0", changes: [{ kind: "field-added", field: "note", message: 'field "note" added' }] });

    const listed = await listContractVersions(member, port.id);
    expect(listed.canPublish).toBe(true);
    expect(listed.versions.map((v) => [v.version, v.status, v.publishedBy])).toEqual([
      ["1.1.0", "active", member.name],
      ["1.0.0", "deprecated", owner.name],
    ]);

    const diff = await diffContractVersions(owner, second.id, first.id);
    expect(diff).toMatchObject({ from: "1.0.0", to: "1.1.0" });
    expect(diff.changes.map((c) => [c.kind, c.field])).toEqual([["field-added", "note"]]);
    // Beside the semantic diff, the YAML text diff: the version line changed and the note field's lines added.
    const changed = diff.yamlDiff.flatMap((h) => h.lines).filter((l) => l.kind !== "same");
    expect(changed.filter((l) => l.kind === "removed").map((l) => l.text.trim())).toContain("version: 1.0.0");
    expect(changed.filter((l) => l.kind === "added").map((l) => l.text.trim())).toEqual(expect.arrayContaining(["version: 1.1.0", expect.stringContaining("note")]));
  });

  it("refuses an incompatible minor version with the exact reason, saving nothing", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...BASE, NOTE]) });
    const before = await counts();

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.2.0", [...AMOUNT_AS_STRING, NOTE]) }), "conflict");

    expect(error.message).toBe("Version 1.2.0 is incompatible with 1.1.0 under BACKWARD.");
    expect(error.details).toEqual([
      { path: "schema", message: 'field "amount": type changed from double to string' },
      { path: "schema", message: "an incompatible change needs a new major version (2.0.0) and a steward's approval" },
    ]);
    expect(await counts()).toEqual(before);
    expect(await db.contractVersion.findMany({ where: { portId: port.id, version: "1.2.0" } })).toEqual([]);
  });

  it("holds an incompatible new major version for a steward, who approves it into the registry", async () => {
    const { owner, port, topic, product } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const eventsBefore = await db.contractEvent.count({ where: { portId: port.id } });

    const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });

    expect(pending).toMatchObject({ version: "2.0.0", status: "pending_approval", schemaId: null });
    expect(pending.reasons).toEqual([
      "incompatible under BACKWARD; as a new major version it needs a governance steward's approval",
      'field "amount": type changed from double to string',
    ]);
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1]);
    expect(await db.contractEvent.count({ where: { portId: port.id } })).toBe(eventsBefore);
    expect((await versionRow(port.id, "1.0.0")).status).toBe("active");
    const inbox = await listPendingApprovals(steward);
    expect(inbox.find((p) => p.id === pending.id)).toMatchObject({ version: "2.0.0", port: { location: topic, dataProduct: { urn: product.urn } } });
    await expectMeshworkError(listPendingApprovals(owner), "forbidden");

    // The owner cannot wave their own breaking change through.
    await expectMeshworkError(decideContractVersion(owner, pending.id, "approve", {}), "forbidden");
    expect((await versionRow(port.id, "2.0.0")).status).toBe("pending_approval");

    const approved = await decideContractVersion(steward, pending.id, "approve", { note: "consumers migrated" });

    expect(approved).toEqual({ id: pending.id, version: "2.0.0", status: "active", externalSyncError: null });
    const row = await versionRow(port.id, "2.0.0");
    expect(row).toMatchObject({ status: "active", decidedById: steward.id, decisionNote: "consumers migrated" });
    expect((await versionRow(port.id, "1.0.0")).status).toBe("deprecated");
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1, 2]);
    const latest = await getSubjectVersion(`${topic}-value`, "latest");
    expect(JSON.parse(latest.schema).fields.find((f: { name: string }) => f.name === "amount").type).toBe("string");
    const event = await db.contractEvent.findFirstOrThrow({ where: { contractVersionId: pending.id } });
    expect(event.diff).toMatchObject({ version: "2.0.0", previousVersion: "1.0.0", changes: [{ kind: "type-changed", field: "amount", before: "number", after: "string", breaking: true }] });
    const audit = await db.auditEvent.findMany({ where: { entityId: pending.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["contract.request-approval", owner.id],
      ["contract.approve", steward.id],
      ["contract.activate", steward.id],
    ]);
    expect((await listPendingApprovals(steward)).some((p) => p.id === pending.id)).toBe(false);

    // Approving twice, or approving an active version, is a conflict.
    const again = await expectMeshworkError(decideContractVersion(steward, pending.id, "approve", {}), "conflict");
    expect(again.message).toBe("Contract version 2.0.0 is active, not waiting for approval.");
  });

  it("lets a steward reject a pending version, which then cannot be approved", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });

    const rejected = await decideContractVersion(steward, pending.id, "reject", { note: "  breaks billing  " });

    expect(rejected).toEqual({ id: pending.id, version: "2.0.0", status: "rejected", externalSyncError: null });
    expect(await versionRow(port.id, "2.0.0")).toMatchObject({ status: "rejected", decidedById: steward.id, decisionNote: "breaks billing", activatedAt: null });
    expect((await versionRow(port.id, "1.0.0")).status).toBe("active");
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1]);
    expect(await db.contractEvent.count({ where: { contractVersionId: pending.id } })).toBe(0);
    const error = await expectMeshworkError(decideContractVersion(steward, pending.id, "approve", {}), "conflict");
    expect(error.message).toContain("rejected");
    await expectMeshworkError(decideContractVersion(steward, "not-a-uuid", "approve", {}), "not_found");
  });

  it("still takes compatible minor versions after a rejected major version", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });
    await decideContractVersion(steward, pending.id, "reject", {});

    const minor = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...BASE, NOTE]) });

    expect(minor.status).toBe("active");
    expect((await versionRow(port.id, "1.0.0")).status).toBe("deprecated");
    // The rejected number stays taken.
    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) }), "validation_failed");
    expect(error.details).toEqual([{ path: "version", message: "version 2.0.0 already exists for this port; bump the version" }]);
  });

  it("saves a draft without activating or registering it", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });

    const draft = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...AMOUNT_AS_STRING, NOTE]), draft: true });

    expect(draft).toMatchObject({ version: "1.1.0", status: "draft", schemaId: null });
    expect(await versionRow(port.id, "1.1.0")).toMatchObject({ status: "draft", activatedAt: null });
    expect((await versionRow(port.id, "1.0.0")).status).toBe("active");
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1]);
    expect(await db.contractEvent.count({ where: { contractVersionId: draft.id } })).toBe(0);
    expect((await db.auditEvent.findMany({ where: { entityId: draft.id } })).map((a) => a.action)).toEqual(["contract.draft"]);
  });
});

describe("who may publish", () => {
  it("refuses members of other teams, analysts and stewards, saving nothing", async () => {
    const { port, topic } = await ownedTopic({ published: true });
    const other = await createOwnedTeam(admin);
    const analyst = await createUser();
    const before = await counts();

    for (const outsider of [other.owner, other.member, analyst, steward]) {
      const error = await expectMeshworkError(submitContractVersion(outsider, port.id, { contract: contractYaml(topic, "1.0.0", BASE) }), "forbidden");
      expect(error.message).toContain("Only the team that owns");
    }
    expect(await counts()).toEqual(before);
    expect((await listContractVersions(analyst, port.id)).canPublish).toBe(false);
  });

  it("hides a draft product's port from outsiders", async () => {
    const { port, topic } = await ownedTopic();
    const analyst = await createUser();
    await expectMeshworkError(submitContractVersion(analyst, port.id, { contract: contractYaml(topic, "1.0.0", BASE) }), "not_found");
  });

  it("lets an admin publish for any team", async () => {
    const { port, topic } = await ownedTopic();
    expect((await submitContractVersion(admin, port.id, { contract: contractYaml(topic, "1.0.0", BASE) })).status).toBe("active");
  });

  it("lets a newly added member publish once their membership is loaded", async () => {
    const { team, port, topic } = await ownedTopic();
    const newcomer = await createUser();
    await expectMeshworkError(submitContractVersion(newcomer, port.id, { contract: contractYaml(topic, "1.0.0", BASE) }), "not_found");
    const member = await addMember(admin, team.id, newcomer);
    expect((await submitContractVersion(member, port.id, { contract: contractYaml(topic, "1.0.0", BASE) })).status).toBe("active");
  });

  it("refuses to change the contract of a retired product's port", async () => {
    const { owner, port, topic, product } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    await changeProductStatus(owner, product.id, { status: "retired" });
    const before = await counts();

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [...BASE, NOTE]) }), "conflict");

    expect(error.message).toBe("A retired data product's contracts cannot change.");
    expect(await counts()).toEqual(before);
    expect((await listContractVersions(owner, port.id)).canPublish).toBe(false);
  });

  it("does not activate a pending version once its product is retired, but lets the steward reject it", async () => {
    const { owner, port, topic, product } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const pending = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });
    await changeProductStatus(owner, product.id, { status: "retired" });

    const error = await expectMeshworkError(decideContractVersion(steward, pending.id, "approve", {}), "conflict");

    expect(error.message).toBe("A retired data product's contracts cannot change.");
    expect((await versionRow(port.id, "2.0.0")).status).toBe("pending_approval");
    expect(await listSubjectVersions(`${topic}-value`)).toEqual([1]);
    expect((await decideContractVersion(steward, pending.id, "reject", {})).status).toBe("rejected");
  });
});

describe("broken contracts", () => {
  it("reports bad YAML with its line, saving nothing", async () => {
    const { owner, port, topic } = await ownedTopic();
    const before = await counts();
    const broken = contractYaml(topic, "1.0.0", BASE).replace("  - name: orders\n", "  - name: [orders\n");

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: broken }), "validation_failed");

    expect(error.details.length).toBeGreaterThan(0);
    expect(error.details[0].path).toBe("(root)");
    expect(error.details[0].message).toMatch(/^YAML syntax error/);
    expect(error.details[0].line).toBeGreaterThanOrEqual(9);
    expect(await counts()).toEqual(before);
  });

  it("names a wrong logicalType by path and line", async () => {
    const { owner, port, topic } = await ownedTopic();
    const before = await counts();
    const broken = contractYaml(topic, "1.0.0", [ORDER_ID, { ...AMOUNT, type: "money" }]);

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: broken }), "validation_failed");

    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatchObject({ path: "schema[0].properties[1].logicalType", line: 17, column: 22 });
    expect(error.details[0].message).toContain('"money" is not allowed');
    expect(error.message).toContain("schema[0].properties[1].logicalType");
    expect(await counts()).toEqual(before);
  });

  it("names a missing id", async () => {
    const { owner, port, topic } = await ownedTopic();
    const before = await counts();
    const broken = contractYaml(topic, "1.0.0", BASE).replace(`id: ${topic}\n`, "");

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: broken }), "validation_failed");

    expect(error.details).toEqual([{ path: "id", message: 'required field "id" is missing', line: 1, column: 1 }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses an empty submission by field", async () => {
    const { owner, port } = await ownedTopic();
    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: "", schemaType: "XML" }), "validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual(["contract", "schemaType"]);
  });

  it("requires a version greater than the port's newest", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.2.0", [...BASE, NOTE]) });
    const before = await counts();

    const same = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.2.0", BASE) }), "validation_failed");
    expect(same.details).toEqual([{ path: "version", message: "version 1.2.0 already exists for this port; bump the version" }]);
    const lower = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.5", [...BASE, NOTE]) }), "validation_failed");
    expect(lower.details).toEqual([{ path: "version", message: "version 1.1.5 is lower than the port's newest version 1.2.0" }]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a hand-written schema that does not match the contract, naming the field", async () => {
    const { owner, port, topic } = await ownedTopic();
    const before = await counts();
    const customSchema = JSON.stringify({
      type: "record",
      name: "orders",
      fields: [
        { name: "order_id", type: "string" },
        { name: "amount", type: "boolean" },
      ],
    });

    const error = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE), customSchema }), "validation_failed");

    expect(error.details).toEqual([{ path: "customSchema", message: 'field "amount": the contract says number, the schema says boolean' }]);
    expect(await counts()).toEqual(before);
  });

  it("publishes a hand-written schema that matches the contract as it is", async () => {
    const { owner, port, topic } = await ownedTopic();
    const schema = { type: "record", name: "OrderPlaced", namespace: "com.example", fields: [{ name: "order_id", type: "string" }, { name: "amount", type: "float" }] };

    const result = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE), customSchema: JSON.stringify(schema, null, 2) });

    expect(result.status).toBe("active");
    expect((await versionRow(port.id, "1.0.0")).customSchema).toBe(true);
    expect(JSON.parse((await getSubjectVersion(`${topic}-value`, "1")).schema)).toEqual(schema);
  });
});

describe("compatibility modes and schema types", () => {
  const WITH_CODE = [ORDER_ID, { name: "code", type: "string", required: true }];
  const CODE_AS_NUMBER = [ORDER_ID, { name: "code", type: "integer" }];

  it("checks BACKWARD against the last version only, BACKWARD_TRANSITIVE against all of them", async () => {
    // 1.0.0 has a string code, 1.1.0 drops it, 1.2.0 brings it back as an optional number.
    const loose = await ownedTopic();
    const strict = await ownedTopic();
    for (const { owner, port, topic } of [loose, strict]) {
      await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", WITH_CODE) });
      await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [ORDER_ID]) });
    }
    expect(await setPortCompatibility(strict.owner, strict.port.id, { mode: "BACKWARD_TRANSITIVE" })).toEqual({ mode: "BACKWARD_TRANSITIVE" });
    expect((await db.port.findUniqueOrThrow({ where: { id: strict.port.id } })).compatibilityMode).toBe("BACKWARD_TRANSITIVE");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "port", entityId: strict.port.id, action: "port.compatibility" } });
    expect(audit.after).toEqual({ mode: "BACKWARD_TRANSITIVE" });

    const accepted = await submitContractVersion(loose.owner, loose.port.id, { contract: contractYaml(loose.topic, "1.2.0", CODE_AS_NUMBER) });
    expect(accepted).toMatchObject({ status: "active", compatibility: { mode: "BACKWARD", compatible: true, messages: [] } });

    const error = await expectMeshworkError(submitContractVersion(strict.owner, strict.port.id, { contract: contractYaml(strict.topic, "1.2.0", CODE_AS_NUMBER) }), "conflict");
    expect(error.message).toBe("Version 1.2.0 is incompatible with 1.1.0 under BACKWARD_TRANSITIVE.");
    expect(error.details.map((d) => d.message)).toEqual([
      'against previous schema 1 of 2: field "code": type changed from string to [null, long]',
      "an incompatible change needs a new major version (2.0.0) and a steward's approval",
    ]);
  });

  it("refuses a compatibility mode change from outside the team and an unknown mode", async () => {
    const { owner, port } = await ownedTopic({ published: true });
    const other = await createOwnedTeam(admin);
    await expectMeshworkError(setPortCompatibility(other.owner, port.id, { mode: "NONE" }), "forbidden");
    const error = await expectMeshworkError(setPortCompatibility(owner, port.id, { mode: "SIDEWAYS" }), "validation_failed");
    expect(error.details.map((d) => d.path)).toEqual(["mode"]);
    expect((await db.port.findUniqueOrThrow({ where: { id: port.id } })).compatibilityMode).toBe("BACKWARD");
  });

  it("lets anything through under NONE", async () => {
    const { owner, port, topic } = await ownedTopic();
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    await setPortCompatibility(owner, port.id, { mode: "NONE" });
    const result = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", AMOUNT_AS_STRING) });
    expect(result.status).toBe("active");
    expect(result.changes.map((c) => [c.kind, c.field])).toEqual([["type-changed", "amount"]]);
  });

  it("starts transitive history afresh at a major version a steward approved", async () => {
    const { owner, port, topic } = await ownedTopic();
    await setPortCompatibility(owner, port.id, { mode: "BACKWARD_TRANSITIVE" });
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const major = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });
    await decideContractVersion(steward, major.id, "approve", {});

    const next = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.1.0", [...AMOUNT_AS_STRING, NOTE]) });

    expect(next).toMatchObject({ status: "active", compatibility: { mode: "BACKWARD_TRANSITIVE", compatible: true } });
    const refused = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "2.2.0", [ORDER_ID, { ...AMOUNT, type: "integer" }, NOTE]) }), "conflict");
    expect(refused.details[0].message).toBe('against previous schema 1 of 2: field "amount": type changed from string to long');
  });

  it("publishes a JSON Schema contract and registers it as JSON", async () => {
    const { owner, port, topic } = await ownedTopic();

    const result = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", [{ ...ORDER_ID, primaryKey: true }, AMOUNT]), schemaType: "JSON" });

    expect(result.status).toBe("active");
    const row = await versionRow(port.id, "1.0.0");
    expect(row).toMatchObject({ schemaType: "JSON", keySchema: null });
    const registered = await getSubjectVersion(`${topic}-value`, "latest");
    expect(registered).toMatchObject({ id: result.schemaId, version: 1, schemaType: "JSON" });
    expect(JSON.parse(registered.schema)).toMatchObject({
      type: "object",
      properties: { order_id: { type: "string" }, amount: { type: "number" } },
      required: ["order_id", "amount"],
    });
    expect(await db.registrySubjectVersion.count({ where: { subject: `${topic}-key` } })).toBe(0);

    const next = await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.1.0", [ORDER_ID, AMOUNT, NOTE]), schemaType: "JSON" });
    expect(next.status).toBe("active");
    const refused = await expectMeshworkError(submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.2.0", [...AMOUNT_AS_STRING, NOTE]), schemaType: "JSON" }), "conflict");
    expect(refused.details.some((d) => d.message.includes("#/properties/amount: type changed"))).toBe(true);
  });
});

describe("producers check contracts before publishing", () => {
  it("reports valid, compatible, outcome, reasons and changes, saving nothing", async () => {
    const { owner, port, topic, portUrn } = await ownedTopic({ published: true });
    await submitContractVersion(owner, port.id, { contract: contractYaml(topic, "1.0.0", BASE) });
    const ci = await createUser();
    const before = await counts();

    const compatible = await checkContract(ci, { port: portUrn, contract: contractYaml(topic, "1.1.0", [...BASE, NOTE]) });
    expect(compatible).toMatchObject({ valid: true, compatible: true, outcome: "would-activate", version: "1.1.0", previousVersion: "1.0.0", compatibilityMode: "BACKWARD", reasons: [], errors: [] });
    expect(compatible.changes?.map((c) => [c.kind, c.field])).toEqual([["field-added", "note"]]);

    const breaking = await checkContract(ci, { port: port.id, contract: contractYaml(topic, "1.1.0", AMOUNT_AS_STRING) });
    expect(breaking).toMatchObject({ valid: true, compatible: false, outcome: "refused" });
    expect(breaking.reasons).toEqual(['field "amount": type changed from double to string', "an incompatible change needs a new major version (2.0.0) and a steward's approval"]);
    expect(breaking.changes?.map((c) => [c.kind, c.field, c.breaking])).toEqual([["type-changed", "amount", true]]);

    const major = await checkContract(ci, { port: port.id, contract: contractYaml(topic, "2.0.0", AMOUNT_AS_STRING) });
    expect(major).toMatchObject({ valid: true, compatible: false, outcome: "needs-approval" });

    const invalid = await checkContract(ci, { port: port.id, contract: contractYaml(topic, "1.1.0", [{ ...ORDER_ID, type: "text" }]) });
    expect(invalid).toMatchObject({ valid: false, compatible: false, outcome: "invalid", reasons: [] });
    expect(invalid.errors.map((e) => e.path)).toEqual(["schema[0].properties[0].logicalType"]);

    expect(await counts()).toEqual(before);
  });

  it("offers a template for a fresh port that parses and publishes", async () => {
    const { owner, port, topic, product } = await ownedTopic();

    const template = await contractTemplate(owner, port.id);

    const parsed = parseContract(template);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.contract).toMatchObject({ id: `${product.urn}:events`, version: "1.0.0" });
    expect(parsed.contract.schema?.[0]).toMatchObject({ physicalName: topic });
    const published = await submitContractVersion(owner, port.id, { contract: template });
    expect(published.status).toBe("active");
    expect(JSON.parse((await getSubjectVersion(`${topic}-value`, "latest")).schema).fields.map((f: { name: string }) => f.name)).toEqual(["id", "created_at"]);
    expect(JSON.parse((await getSubjectVersion(`${topic}-key`, "latest")).schema)).toBe("string");
    // Once a version exists, the template is the newest contract to edit.
    expect(await contractTemplate(owner, port.id)).toBe(template);
  });

  it("refuses to diff versions of different ports", async () => {
    const a = await ownedTopic();
    const b = await ownedTopic();
    const va = await submitContractVersion(a.owner, a.port.id, { contract: contractYaml(a.topic, "1.0.0", BASE) });
    const vb = await submitContractVersion(b.owner, b.port.id, { contract: contractYaml(b.topic, "1.0.0", BASE) });
    const error = await expectMeshworkError(diffContractVersions(admin, va.id, vb.id), "validation_failed");
    expect(error.details).toEqual([{ path: "against", message: "a version of another port" }]);
  });
});
