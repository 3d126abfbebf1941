import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { updateDataProduct } from "@/lib/catalog/update-data-product";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { countRows, createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listAuditEvents } from "./list-audit-events";
import { sealAuditEvents } from "./seal-audit-events";

let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

const eventsFor = (entityId: string) => db.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" } });

describe("every change to a product leaves one audit event", () => {
  it("records create, update and status change with actor, action and before/after", async () => {
    const { owner, member } = await createOwnedTeam(admin);
    const product = await registerProduct(member, { description: "first words" });

    const [created] = await eventsFor(product.id);
    expect(created).toMatchObject({
      actorId: member.id,
      actorLabel: `${member.name} <${member.email}>`,
      action: "product.create",
      entityType: "data_product",
      summary: `Registered ${product.urn}`,
      before: null,
    });
    expect(created.after).toMatchObject({ urn: product.urn, description: "first words", status: "draft", outputPorts: [expect.objectContaining({ name: "events" })] });

    await updateDataProduct(owner, product.id, { description: "second thoughts" });
    const afterUpdate = await eventsFor(product.id);
    expect(afterUpdate).toHaveLength(2);
    const updated = afterUpdate[1];
    expect(updated).toMatchObject({ actorId: owner.id, action: "product.update", entityType: "data_product" });
    expect(updated.before).toMatchObject({ description: "first words" });
    expect(updated.after).toMatchObject({ description: "second thoughts" });
    // Only the edited field differs between before and after.
    const { description: _b, ...restBefore } = updated.before as Record<string, unknown>;
    const { description: _a, ...restAfter } = updated.after as Record<string, unknown>;
    expect(restAfter).toEqual(restBefore);

    await changeProductStatus(owner, product.id, { status: "published" });
    const events = await eventsFor(product.id);
    expect(events.map((e) => e.action)).toEqual(["product.create", "product.update", "product.publish"]);
    expect(events[2].before).toEqual({ status: "draft", deprecationReason: null, sunsetDate: null });
    expect(events[2].after).toEqual({ status: "published", deprecationReason: null, sunsetDate: null });
    expect(events[2].summary).toBe(`${product.urn}: draft → published`);
  });

  it("records a deprecation's reason and date", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });
    await changeProductStatus(owner, product.id, { status: "deprecated", reason: "Replaced by v2", sunsetDate: "2099-01-31" });
    const last = (await eventsFor(product.id)).at(-1)!;
    expect(last.action).toBe("product.deprecate");
    expect(last.after).toMatchObject({ status: "deprecated", deprecationReason: "Replaced by v2" });
    expect(String((last.after as { sunsetDate: string }).sunsetDate)).toMatch(/^2099-01-31/);
  });

  it("writes nothing when a change fails", async () => {
    const { owner, member } = await createOwnedTeam(admin);
    const other = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });
    const before = await countRows();

    await expectMeshworkError(updateDataProduct(other.member, product.id, { description: "nope" }), "forbidden");
    await expectMeshworkError(changeProductStatus(member, product.id, { status: "deprecated", reason: "Not mine to say", sunsetDate: "2099-01-01" }), "forbidden");
    await expectMeshworkError(changeProductStatus(owner, product.id, { status: "retired" }), "conflict");
    await expectMeshworkError(updateDataProduct(owner, product.id, { outputPorts: [{ name: "x", type: "table", table: "t", materializedFrom: "nothing" }] }), "validation_failed");
    await expectMeshworkError(registerProduct(owner, { name: (await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).name }), "conflict");

    expect(await countRows()).toEqual(before);
    expect((await eventsFor(product.id)).map((e) => e.action)).toEqual(["product.create", "product.publish"]);
  });
});

describe("reading the audit log", () => {
  it("is refused to analysts and team owners", async () => {
    const { owner } = await createOwnedTeam(admin);
    const analyst = await createUser();
    for (const refused of [analyst, owner]) {
      const error = await expectMeshworkError(listAuditEvents(refused, {}), "forbidden");
      expect(error.message).toContain("audit log");
    }
  });

  it("is open to stewards and admins, with filters by entity, action and actor", async () => {
    const { owner, member } = await createOwnedTeam(admin);
    const product = await registerProduct(member);
    await updateDataProduct(owner, product.id, { tags: ["audited"] });
    await changeProductStatus(owner, product.id, { status: "published" });
    const noise = await registerProduct(owner);

    for (const reader of [steward, admin]) {
      const all = await listAuditEvents(reader, { entityType: "data_product", entityId: product.id });
      expect(all.total).toBe(3);
      expect(all.items.map((e) => e.action)).toEqual(["product.publish", "product.update", "product.create"]);
      expect(all.items.every((e) => typeof e.id === "string")).toBe(true);
    }

    const updates = await listAuditEvents(steward, { entityId: product.id, action: "product.update" });
    expect(updates.items.map((e) => e.actorId)).toEqual([owner.id]);

    const byMember = await listAuditEvents(steward, { actor: member.email.toUpperCase() });
    expect(byMember.items.map((e) => [e.action, e.entityId])).toEqual([["product.create", product.id]]);

    const byOwner = await listAuditEvents(admin, { actor: owner.email, action: "product." });
    expect(byOwner.items.map((e) => [e.action, e.entityId])).toEqual([
      ["product.create", noise.id],
      ["product.publish", product.id],
      ["product.update", product.id],
    ]);

    const page2 = await listAuditEvents(admin, { actor: owner.email, action: "product.", page: "2", pageSize: "2" });
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.items.map((e) => e.action)).toEqual(["product.update"]);
  });

  it("lists sealed events over HTTP, with their chain position", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await sealAuditEvents();
    const { token } = await createApiToken(steward, { name: "audit list" });
    const response = await callRoute("api/v1/audit-events", "GET", { token, query: `entityId=${product.id}` });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ action: "product.create", seq: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("refuses a bad query by path", async () => {
    const error = await expectMeshworkError(listAuditEvents(steward, { pageSize: 1000 }), "validation_failed");
    expect(error.details.map((d) => d.path)).toEqual(["pageSize"]);
  });
});
