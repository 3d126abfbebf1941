import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createDataProduct } from "./create-data-product";
import { getDataProduct } from "./get-data-product";
import { changeProductStatus } from "./change-product-status";
import { countRows, createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

async function publishedUpstream() {
  const { owner } = await createOwnedTeam(admin);
  const upstream = await registerProduct(owner);
  await changeProductStatus(owner, upstream.id, { status: "published" });
  return upstream;
}

describe("an owner registers a data product", () => {
  it("stores it as a draft with its URN, ports and lineage to the product it reads", async () => {
    const upstream = await publishedUpstream();
    const { domain, team, owner } = await createOwnedTeam(admin);
    const name = unique("Order Events");

    const created = await createDataProduct(owner, {
      domain: domain.slug,
      team: team.slug,
      name,
      description: "Every order placed, as it happens",
      tags: ["Orders", "orders", "sales"],
      classification: "confidential",
      outputPorts: [
        { name: "stream", type: "kafka_topic", topic: "sales.orders.v1" },
        { name: "table", type: "table", table: "sales.orders", materializedFrom: "stream" },
      ],
      inputPorts: [{ name: "customers", from: { product: upstream.urn, port: "events" } }],
    });

    const slug = name.toLowerCase().replace(/ /g, "-");
    expect(created).toMatchObject({ slug, urn: `urn:meshwork:${domain.slug}:${slug}`, domain: domain.slug });

    const product = await getDataProduct(owner, created.urn);
    expect(product.status).toBe("draft");
    expect(product.name).toBe(name);
    expect(product.classification).toBe("confidential");
    expect(product.tags).toEqual(["orders", "sales"]);
    expect(product.team.id).toBe(team.id);
    expect(product.owners.map((o) => o.email)).toEqual([owner.email]);
    expect(product.outputPorts.map(({ name, type, location, materializedFrom }) => ({ name, type, location, materializedFrom }))).toEqual([
      { name: "stream", type: "kafka_topic", location: "sales.orders.v1", materializedFrom: null },
      { name: "table", type: "table", location: "sales.orders", materializedFrom: "stream" },
    ]);
    expect(product.inputPorts).toHaveLength(1);
    expect(product.inputPorts[0]).toMatchObject({ name: "customers", type: "kafka_topic", from: { urn: upstream.urn, port: "events" } });
    expect(product.upstream).toEqual([{ product: expect.objectContaining({ urn: upstream.urn }), port: "events" }]);
    expect(product.downstream).toEqual([]);
    expect(product.permissions).toEqual({ canEdit: true, canChangeStatus: true });

    const upstreamPage = await getDataProduct(owner, upstream.urn);
    expect(upstreamPage.downstream).toEqual([{ product: expect.objectContaining({ urn: created.urn, status: "draft" }), viaPort: "events" }]);
    expect(upstreamPage.permissions).toEqual({ canEdit: false, canChangeStatus: false });
  });

  it("derives the slug from the name unless one is given", async () => {
    const { owner } = await createOwnedTeam(admin);
    const givenSlug = unique("custom-slug");
    const created = await registerProduct(owner, { name: "Café Ümlaut Orders", slug: givenSlug });
    expect(created.slug).toBe(givenSlug);
    const derived = await registerProduct(owner, { name: "Café Orders (EU)!" });
    expect(derived.slug).toBe("cafe-orders-eu");
  });

  it("cuts a long name's slug to 64 characters without a trailing dash", async () => {
    const { owner } = await createOwnedTeam(admin);
    const name = `${"a".repeat(63)} ${unique("tail")}`;
    const created = await registerProduct(owner, { name });
    expect(created.slug).toBe("a".repeat(63));
    expect(created.urn).toBe(`urn:meshwork:${owner.memberships[0].domainSlug}:${"a".repeat(63)}`);
  });

  it("asks for a slug when the name yields none", async () => {
    const { owner } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(registerProduct(owner, { name: "受注データ" }), "validation_failed");
    expect(error.details.map((d) => d.path)).toEqual(["slug"]);
    expect(await countRows()).toEqual(before);
    const created = await registerProduct(owner, { name: "受注データ", slug: "orders-jp" });
    expect(created.urn).toBe(`urn:meshwork:${owner.memberships[0].domainSlug}:orders-jp`);
  });

  it("refuses a member of another domain's team", async () => {
    const { domain, team } = await createOwnedTeam(admin);
    const { member: outsider } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(createDataProduct(outsider, { domain: domain.slug, team: team.slug, name: unique("Sneaky") }), "forbidden");
    expect(error.message).toContain(team.name);
    expect(await countRows()).toEqual(before);
  });

  it("refuses an analyst who belongs to no team", async () => {
    const { domain, team } = await createOwnedTeam(admin);
    const analyst = await createUser();
    await expectMeshworkError(createDataProduct(analyst, { domain: domain.slug, team: team.slug, name: unique("Analyst Product") }), "forbidden");
    expect(await db.dataProduct.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("refuses a second product with the same name in the same domain", async () => {
    const { owner } = await createOwnedTeam(admin);
    const name = unique("Payments");
    await registerProduct(owner, { name });
    const before = await countRows();
    const error = await expectMeshworkError(registerProduct(owner, { name }), "conflict");
    expect(error.details).toEqual([expect.objectContaining({ path: "name" })]);
    expect(await countRows()).toEqual(before);
  });

  it("allows the same name in another domain", async () => {
    const first = await createOwnedTeam(admin);
    const second = await createOwnedTeam(admin);
    const name = unique("Shared Name");
    const a = await registerProduct(first.owner, { name });
    const b = await registerProduct(second.owner, { name });
    expect(a.slug).toBe(b.slug);
    expect(a.urn).not.toBe(b.urn);
  });

  it("reports an unknown team as a bad field", async () => {
    const { domain, owner } = await createOwnedTeam(admin);
    const error = await expectMeshworkError(registerProduct(owner, { domain: domain.slug, team: "no-such-team" }), "validation_failed");
    expect(error.details.map((d) => d.path)).toEqual(["team"]);
  });
});

describe("bad input is refused and nothing is written", () => {
  it("names every field the schema rejects: missing name and bad port type", async () => {
    const { domain, team, owner } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(
      createDataProduct(owner, {
        domain: domain.slug,
        team: team.slug,
        outputPorts: [
          { name: "stream", type: "kafka_topic", topic: "ok.topic" },
          { name: "files", type: "s3_bucket", location: "s3://x" },
        ],
      }),
      "validation_failed",
    );
    expect(error.details.map((d) => d.path).sort()).toEqual(["name", "outputPorts[1].type"]);
    expect(await countRows()).toEqual(before);
  });

  it("names every port that does not fit together: materializedFrom a non-topic, unknown upstream, duplicate names", async () => {
    const upstream = await publishedUpstream();
    const { owner } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(
      registerProduct(owner, {
        outputPorts: [
          { name: "stream", type: "kafka_topic", topic: "a.topic" },
          { name: "table", type: "table", table: "a.table" },
          { name: "copy", type: "table", table: "a.copy", materializedFrom: "table" },
          { name: "stream", type: "kafka_topic", topic: "b.topic" },
        ],
        inputPorts: [
          { name: "ghost", from: { product: "urn:meshwork:nowhere:nothing", port: "events" } },
          { name: "wrong-port", from: { product: upstream.urn, port: "no-such-port" } },
        ],
      }),
      "validation_failed",
    );
    expect(error.details.map((d) => d.path).sort()).toEqual([
      "inputPorts[0].from",
      "inputPorts[1].from",
      "outputPorts[2].materializedFrom",
      "outputPorts[3].name",
    ]);
    expect(error.details.find((d) => d.path === "inputPorts[0].from")?.message).toContain("urn:meshwork:nowhere:nothing");
    expect(await countRows()).toEqual(before);
  });

  it("refuses reading from another team's draft, which the owner cannot see", async () => {
    const other = await createOwnedTeam(admin);
    const hidden = await registerProduct(other.owner);
    const { owner } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(
      registerProduct(owner, { inputPorts: [{ name: "hidden", from: { product: hidden.urn, port: "events" } }] }),
      "validation_failed",
    );
    expect(error.details.map((d) => d.path)).toEqual(["inputPorts[0].from"]);
    expect(await countRows()).toEqual(before);
  });

  it("refuses a malformed upstream URN and a bad slug by path", async () => {
    const { owner } = await createOwnedTeam(admin);
    const before = await countRows();
    const error = await expectMeshworkError(
      registerProduct(owner, { slug: "Not A Slug", inputPorts: [{ name: "x1", from: { product: "orders", port: "events" } }] }),
      "validation_failed",
    );
    expect(error.details.map((d) => d.path).sort()).toEqual(["inputPorts[0].from.product", "slug"]);
    expect(await countRows()).toEqual(before);
  });
});
