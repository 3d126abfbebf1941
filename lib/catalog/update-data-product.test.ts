import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { updateDataProduct } from "./update-data-product";
import { getDataProduct } from "./get-data-product";
import { changeProductStatus } from "./change-product-status";
import { countRows, createOwnedTeam, createUser, expectMeshworkError, registerProduct } from "@/lib/testing/fixtures";

let admin: Actor;
let steward: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  steward = await createUser({ role: "steward" });
});

describe("the owning team edits its data product", () => {
  it("lets a plain member of the team change fields and ports", async () => {
    const { member } = await createOwnedTeam(admin);
    const product = await registerProduct(member);

    const after = await updateDataProduct(member, product.urn, {
      description: "Now with refunds",
      tags: ["Orders", "refunds", "orders"],
      classification: "restricted",
      outputPorts: [
        { name: "events", type: "kafka_topic", topic: "orders.v2" },
        { name: "history", type: "table", table: "orders.history", materializedFrom: "events" },
      ],
    });
    expect(after).toMatchObject({ description: "Now with refunds", tags: ["orders", "refunds"], classification: "restricted" });

    const page = await getDataProduct(member, product.id);
    expect(page.description).toBe("Now with refunds");
    expect(page.classification).toBe("restricted");
    expect(page.outputPorts.map((p) => [p.name, p.location, p.materializedFrom])).toEqual([
      ["events", "orders.v2", null],
      ["history", "orders.history", "events"],
    ]);
  });

  it("keeps an output port's identity when it is edited, so readers keep reading it", async () => {
    const upstreamTeam = await createOwnedTeam(admin);
    const upstream = await registerProduct(upstreamTeam.owner);
    await changeProductStatus(upstreamTeam.owner, upstream.id, { status: "published" });
    const portBefore = await db.port.findFirstOrThrow({ where: { dataProductId: upstream.id, name: "events" } });
    const reader = await createOwnedTeam(admin);
    const downstream = await registerProduct(reader.owner, { inputPorts: [{ name: "orders", from: { product: upstream.urn, port: "events" } }] });

    await updateDataProduct(upstreamTeam.owner, upstream.urn, { outputPorts: [{ name: "events", type: "kafka_topic", topic: "renamed.topic", description: "v2" }] });

    const portAfter = await db.port.findFirstOrThrow({ where: { dataProductId: upstream.id, name: "events" } });
    expect(portAfter.id).toBe(portBefore.id);
    expect(portAfter.location).toBe("renamed.topic");
    const page = await getDataProduct(reader.owner, downstream.id);
    expect(page.inputPorts[0].from).toMatchObject({ urn: upstream.urn, port: "events", location: "renamed.topic" });
  });

  it("keeps the input ports when only the output ports change", async () => {
    const upstreamTeam = await createOwnedTeam(admin);
    const upstream = await registerProduct(upstreamTeam.owner);
    await changeProductStatus(upstreamTeam.owner, upstream.id, { status: "published" });
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner, { inputPorts: [{ name: "orders", from: { product: upstream.urn, port: "events" } }] });

    await updateDataProduct(owner, product.id, { outputPorts: [{ name: "enriched", type: "kafka_topic", topic: "enriched.orders" }] });

    const page = await getDataProduct(owner, product.id);
    expect(page.outputPorts.map((p) => p.name)).toEqual(["enriched"]);
    expect(page.inputPorts.map((p) => [p.name, p.from?.urn])).toEqual([["orders", upstream.urn]]);
  });

  it("lets an admin edit any product", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await updateDataProduct(admin, product.id, { name: "Renamed By Admin" });
    expect((await getDataProduct(owner, product.id)).name).toBe("Renamed By Admin");
  });

  it("refuses members of other teams and stewards, changing nothing", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner, { description: "original" });
    await changeProductStatus(owner, product.id, { status: "published" });
    const { owner: otherOwner, member: otherMember } = await createOwnedTeam(admin);
    const before = await countRows();

    for (const outsider of [otherOwner, otherMember, steward]) {
      const error = await expectMeshworkError(updateDataProduct(outsider, product.urn, { description: "hijacked" }), "forbidden");
      expect(error.message).toContain("owning team");
    }
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).description).toBe("original");
    expect(await countRows()).toEqual(before);
  });

  it("refuses unknown fields and bad values by path", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const error = await expectMeshworkError(updateDataProduct(owner, product.id, { status: "published", classification: "secret" }), "validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual(["(root)", "classification"]);
    expect(error.details.find((d) => d.path === "(root)")?.message).toContain("status");
  });

  it("refuses to edit a retired product", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner, { description: "last words" });
    await changeProductStatus(owner, product.id, { status: "retired" });
    const error = await expectMeshworkError(updateDataProduct(owner, product.id, { description: "resurrected" }), "conflict");
    expect(error.message).toMatch(/retired/);
    expect((await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } })).description).toBe("last words");
    expect((await getDataProduct(owner, product.id)).permissions.canEdit).toBe(false);
  });

  it("refuses to remove an output port another product reads, naming the reader", async () => {
    const { owner } = await createOwnedTeam(admin);
    const upstream = await registerProduct(owner, {
      outputPorts: [
        { name: "events", type: "kafka_topic", topic: "up.events" },
        { name: "snapshot", type: "table", table: "up.snapshot", materializedFrom: "events" },
      ],
    });
    await changeProductStatus(owner, upstream.id, { status: "published" });
    const reader = await createOwnedTeam(admin);
    const downstream = await registerProduct(reader.owner, { inputPorts: [{ name: "up", from: { product: upstream.urn, port: "events" } }] });
    const before = await countRows();

    const error = await expectMeshworkError(
      updateDataProduct(owner, upstream.id, { outputPorts: [{ name: "snapshot", type: "table", table: "up.snapshot" }] }),
      "conflict",
    );
    expect(error.details).toEqual([{ path: "outputPorts.events", message: `read by ${downstream.urn}` }]);
    expect(await countRows()).toEqual(before);
    const page = await getDataProduct(owner, upstream.id);
    expect(page.outputPorts.map((p) => [p.name, p.materializedFrom])).toEqual([
      ["events", null],
      ["snapshot", "events"],
    ]);

    // An unread port can go.
    await updateDataProduct(owner, upstream.id, { outputPorts: [{ name: "events", type: "kafka_topic", topic: "up.events" }] });
    expect((await getDataProduct(owner, upstream.id)).outputPorts.map((p) => p.name)).toEqual(["events"]);
  });
});

describe("a partial update", () => {
  it("changes only the fields it sends: tags and classification survive a description-only PATCH", async () => {
    const { member } = await createOwnedTeam(admin);
    const product = await registerProduct(member, { tags: ["keep-me"], classification: "restricted" });
    await updateDataProduct(member, product.id, { description: "Only the description changes." });
    const stored = await db.dataProduct.findUniqueOrThrow({ where: { id: product.id } });
    expect(stored.tags).toEqual(["keep-me"]);
    expect(stored.classification).toBe("restricted");
    expect(stored.description).toBe("Only the description changes.");
  });
});
