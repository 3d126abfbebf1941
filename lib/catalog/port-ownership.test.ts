import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { deleteSubject } from "@/lib/registry/delete-subject";
import { registerSchema } from "@/lib/registry/register-schema";
import { RegistryError } from "@/lib/registry/registry-error";
import { findPortForSubject } from "@/lib/registry/subject-port";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { changeProductStatus } from "./change-product-status";
import { transferPort } from "./transfer-port";
import { updateDataProduct } from "./update-data-product";

// A topic and a table location belong to exactly one output port across the mesh (issue 6, item 3).
let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

const schema = (name: string) => ({ schema: JSON.stringify({ type: "record", name, namespace: "test.ownership", fields: [{ name: "id", type: "string" }] }) });

async function expectRegistryStatus(promise: Promise<unknown>, status: number) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RegistryError);
  expect((error as RegistryError).status, (error as RegistryError).message).toBe(status);
}

/** Team A holds a product with a topic and a table; team B is another team. */
async function twoTeams() {
  const a = await createOwnedTeam(admin);
  const b = await createOwnedTeam(admin);
  const topic = `${unique("shared")}.events.v1`;
  const table = `${unique("shared").replace("-", "_")}.events`;
  const holder = await registerProduct(a.owner, {
    outputPorts: [
      { name: "events", type: "kafka_topic", topic },
      { name: "table", type: "table", table, materializedFrom: "events" },
    ],
  });
  return { a, b, topic, table, holder };
}

describe("a topic or table location belongs to one output port", () => {
  it("refuses another team's product on a taken topic, in any letter case, with 409 naming the holder", async () => {
    const { b, topic, holder } = await twoTeams();
    const error = await expectMeshworkError(registerProduct(b.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic: topic.toUpperCase() }] }), "conflict");
    expect(error.status).toBe(409);
    expect(error.message).toContain(holder.urn);
    expect(error.details[0]).toMatchObject({ path: "outputPorts[0].topic" });
  });

  it("refuses a taken table location with 409 naming the holder", async () => {
    const { b, table, holder } = await twoTeams();
    const error = await expectMeshworkError(registerProduct(b.owner, { outputPorts: [{ name: "table", type: "table", table: table.toUpperCase() }] }), "conflict");
    expect(error.message).toContain(holder.urn);
    expect(error.details[0]).toMatchObject({ path: "outputPorts[0].table" });
  });

  it("refuses an update that moves a port onto a taken topic", async () => {
    const { b, topic, holder } = await twoTeams();
    const own = await registerProduct(b.owner);
    const error = await expectMeshworkError(updateDataProduct(b.owner, own.id, { outputPorts: [{ name: "events", type: "kafka_topic", topic }] }), "conflict");
    expect(error.message).toContain(holder.urn);
  });

  it("refuses the same topic twice in one product", async () => {
    const { b } = await twoTeams();
    const topic = `${unique("twice")}.v1`;
    await expectMeshworkError(
      registerProduct(b.owner, { outputPorts: [{ name: "one", type: "kafka_topic", topic }, { name: "two", type: "kafka_topic", topic: topic.toUpperCase() }] }),
      "conflict",
    );
  });

  it("lets a product keep its own topic when it is updated", async () => {
    const { a, topic, table, holder } = await twoTeams();
    await updateDataProduct(a.owner, holder.id, {
      description: "still mine",
      outputPorts: [
        { name: "events", type: "kafka_topic", topic },
        { name: "table", type: "table", table, materializedFrom: "events" },
      ],
    });
  });

  it("is enforced by the database too", async () => {
    const { b, topic } = await twoTeams();
    const own = await registerProduct(b.owner);
    await expect(db.port.create({ data: { dataProductId: own.id, direction: "output", type: "kafka_topic", name: "copy", location: topic.toUpperCase() } })).rejects.toThrow();
  });

  it("keeps a retired product's topic: nobody else may declare it", async () => {
    const { a, b, topic, holder } = await twoTeams();
    await changeProductStatus(a.owner, holder.id, { status: "retired" });
    const error = await expectMeshworkError(registerProduct(b.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic }] }), "conflict");
    expect(error.message).toContain(holder.urn);
  });
});

describe("an admin transfers a port to another product", () => {
  it("moves the port (and its topic) to the target product, audited; only admins may", async () => {
    const { a, b, topic, holder } = await twoTeams();
    await changeProductStatus(a.owner, holder.id, { status: "retired" });
    const target = await registerProduct(b.owner);
    await expectMeshworkError(transferPort(b.owner, `${holder.urn}:events`, { product: target.urn, name: "legacy-events" }), "forbidden");

    const moved = await transferPort(admin, `${holder.urn}:events`, { product: target.urn, name: "legacy-events" });
    expect(moved).toMatchObject({ urn: `${target.urn}:legacy-events`, location: topic });
    const port = await findPortForSubject(`${topic}-value`);
    expect(port?.dataProduct.urn).toBe(target.urn);
    // The table that was materialized from it stays with the retired product, no longer linked.
    const table = await db.port.findFirstOrThrow({ where: { dataProductId: holder.id, name: "table" } });
    expect(table.sourcePortId).toBeNull();
    const audit = await db.auditEvent.findFirst({ where: { action: "port.transfer", entityId: port!.id } });
    expect(audit?.summary).toContain(target.urn);

    // The subject now follows its new owner.
    await registerSchema(b.owner, `${topic}-value`, schema("moved"));
    await expectRegistryStatus(registerSchema(a.owner, `${topic}-value`, schema("movedAgain")), 403);
  });

  it("refuses a port name the target already uses", async () => {
    const { b, holder } = await twoTeams();
    const target = await registerProduct(b.owner);
    await expectMeshworkError(transferPort(admin, `${holder.urn}:events`, { product: target.urn }), "conflict");
  });
});

describe("the registry maps a subject to its one port", () => {
  it("sends writes and deletes of a port's subject to the owning team only", async () => {
    const { a, b, topic } = await twoTeams();
    const subject = `${topic}-value`;
    // Another team cannot get hold of the topic (differently spelled) to write the subject.
    await expectMeshworkError(registerProduct(b.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic: topic.toUpperCase() }] }), "conflict");
    await expectRegistryStatus(registerSchema(b.owner, subject, schema("intruder")), 403);
    await registerSchema(a.member, subject, schema("owned"));
    await expectRegistryStatus(deleteSubject(b.owner, subject, false), 403);
    await expectRegistryStatus(registerSchema(b.owner, `${topic.toUpperCase()}-value`, schema("intruder")), 403);
    expect(await deleteSubject(a.owner, subject, false)).toEqual([1]);
  });

  it("keeps a subject of no port the admins': declaring a port on its topic is refused while it has live versions", async () => {
    const { b } = await twoTeams();
    const topic = `${unique("adminonly")}.v1`;
    await registerSchema(admin, `${topic}-value`, schema("adminOnly"));
    const error = await expectMeshworkError(registerProduct(b.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic }] }), "conflict");
    expect(error.message).toContain(`${topic}-value`);
    await deleteSubject(admin, `${topic}-value`, false);
    const product = await registerProduct(b.owner, { outputPorts: [{ name: "events", type: "kafka_topic", topic }] });
    expect((await findPortForSubject(`${topic}-value`))?.dataProduct.urn).toBe(product.urn);
  });
});
