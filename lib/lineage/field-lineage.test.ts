import { randomUUID } from "node:crypto";
import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { exportProductDescriptor } from "@/lib/catalog/export-product-descriptor";
import { parseProductDescriptor } from "@/lib/catalog/parse-product-descriptor";
import { updateDataProduct } from "@/lib/catalog/update-data-product";
import { checkContract } from "@/lib/contracts/check-contract";
import { submitContractVersion } from "@/lib/contracts/submit-contract-version";
import { createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { topicContractYaml, type Property } from "@/lib/testing/table-port-fixture";
import { getImpact, checkImpact } from "./analyze-impact";
import { getFieldLineage } from "./get-field-lineage";
import { ingestOpenLineageEvents } from "./ingest-openlineage-events";

const ORDER: Property[] = [
  { name: "order_id", logicalType: "string", required: true },
  { name: "amount", logicalType: "number", required: true },
  { name: "customer_id", logicalType: "string" },
];

let admin: Actor;
let outsider: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  outsider = await createUser();
});

/** A published product whose `events` topic port has an active contract with the given fields. */
async function productWithContract(properties: Property[], { publish = true } = {}) {
  const team = await createOwnedTeam(admin);
  const product = await registerProduct(team.owner);
  const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
  await submitContractVersion(team.owner, port.id, { contract: topicContractYaml(product, port.location!, "1.0.0", properties) });
  if (publish) await changeProductStatus(team.owner, product.id, { status: "published" });
  return { ...team, product, port, portUrn: `${product.urn}:events` };
}

const readsOrders = (upstream: { product: { urn: string } }, fields?: Record<string, string[]>) => ({ name: "orders-in", from: { product: upstream.product.urn, port: "events" }, ...(fields ? { fields } : {}) });

describe("the descriptor's field mapping (inputPorts[].fields)", () => {
  it("is validated against both contracts, naming each bad field, and nothing is written", async () => {
    const upstream = await productWithContract(ORDER);
    const downstream = await productWithContract([{ name: "total", logicalType: "number" }, { name: "order", logicalType: "string" }]);
    const error = await expectMeshworkError(
      updateDataProduct(downstream.owner, downstream.product.id, { inputPorts: [readsOrders(upstream, { total: ["amount", "amout"], totl: ["amount"] })] }),
      "validation_failed",
    );
    expect(error.details).toEqual([
      { path: "inputPorts[0].fields.total[1]", message: `"amout" is not a field of the contract of ${upstream.portUrn} (version 1.0.0)` },
      { path: "inputPorts[0].fields.totl", message: `"totl" is not a field of this product's output contracts` },
    ]);
    expect(error.message).toContain("inputPorts[0].fields.total[1]");
    expect(await db.port.count({ where: { dataProductId: downstream.product.id, direction: "input" } })).toBe(0);
  });

  it("is accepted by create and update, and round-trips through the descriptor export", async () => {
    const upstream = await productWithContract(ORDER);
    const team = await createOwnedTeam(admin);
    // At registration the product has no output contract yet: the input side is checked, the output names are kept.
    const created = await createDataProduct(team.owner, {
      domain: team.domain.slug,
      team: team.team.slug,
      name: unique("Revenue"),
      outputPorts: [{ name: "events", type: "kafka_topic", topic: `${unique("revenue")}.events` }],
      inputPorts: [readsOrders(upstream, { total: ["amount"] })],
    });
    await expectMeshworkError(
      createDataProduct(team.owner, { domain: team.domain.slug, team: team.team.slug, name: unique("Bad"), inputPorts: [readsOrders(upstream, { total: ["nope"] })] }),
      "validation_failed",
    );
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: created.id, name: "events" } });
    await submitContractVersion(team.owner, port.id, { contract: topicContractYaml(created, port.location!, "1.0.0", [{ name: "total", logicalType: "number" }, { name: "buyer", logicalType: "string" }]) });
    await updateDataProduct(team.owner, created.id, { inputPorts: [readsOrders(upstream, { total: ["amount"], buyer: ["customer_id", "order_id"] })] });

    const exported = await exportProductDescriptor(team.owner, created.id);
    expect(YAML.parse(exported).inputPorts[0].fields).toEqual({ buyer: ["customer_id", "order_id"], total: ["amount"] });
    // The exported file uploads again (as an update) and keeps the mapping.
    const { domain: _d, team: _t, apiVersion: _a, kind: _k, slug: _s, ...again } = parseProductDescriptor(exported);
    await updateDataProduct(team.owner, created.id, again);
    expect(YAML.parse(await exportProductDescriptor(team.owner, created.id)).inputPorts).toEqual(YAML.parse(exported).inputPorts);
    // A PATCH that leaves the input ports out keeps the mapping.
    await updateDataProduct(team.owner, created.id, { description: "changed" });
    expect(await db.portFieldMapping.count({ where: { inputPort: { dataProductId: created.id } } })).toBe(3);
  });
});

describe("field lineage and impact", () => {
  let upstream: Awaited<ReturnType<typeof productWithContract>>;
  let first: Awaited<ReturnType<typeof productWithContract>>;
  let second: Awaited<ReturnType<typeof productWithContract>>;
  let unmapped: Awaited<ReturnType<typeof productWithContract>>;

  beforeAll(async () => {
    upstream = await productWithContract(ORDER);
    first = await productWithContract([{ name: "total", logicalType: "number" }, { name: "order", logicalType: "string" }]);
    // The second reader stays a draft: other teams see it counted, never named.
    second = await productWithContract([{ name: "revenue", logicalType: "number" }], { publish: false });
    unmapped = await productWithContract([{ name: "x", logicalType: "string" }]);
    await updateDataProduct(first.owner, first.product.id, { inputPorts: [readsOrders(upstream, { total: ["amount"], order: ["order_id"] })] });
    await updateDataProduct(second.owner, second.product.id, { inputPorts: [readsOrders(upstream, { revenue: ["amount"] })] });
    await updateDataProduct(unmapped.owner, unmapped.product.id, { inputPorts: [readsOrders(upstream)] });
  });

  it("shows where each field comes from and where it goes", async () => {
    const down = await getFieldLineage(admin, upstream.portUrn);
    const amount = down.fields.find((f) => f.name === "amount")!;
    expect(amount.to.map((l) => [l.port?.productUrn, l.field, l.via]).sort()).toEqual([[first.product.urn, "total", "descriptor"], [second.product.urn, "revenue", "descriptor"]].sort());
    expect(down.fields.find((f) => f.name === "customer_id")!.to).toEqual([]);
    const up = await getFieldLineage(admin, first.portUrn);
    expect(up.fields.find((f) => f.name === "total")!.from).toEqual([expect.objectContaining({ via: "descriptor", field: "amount", port: expect.objectContaining({ productUrn: upstream.product.urn, name: "events" }) })]);
  });

  it("removing a field that two downstream products read lists exactly those two products and fields", async () => {
    const proposed = topicContractYaml(upstream.product, upstream.port.location!, "2.0.0", ORDER.filter((p) => p.name !== "amount"));
    const impact = await checkImpact(admin, { port: upstream.portUrn, contract: proposed });
    expect(impact.impacted).toBe(true);
    expect(impact.fields.map((f) => [f.field, f.kind])).toEqual([["amount", "field-removed"]]);
    expect(impact.fields[0].readBy.map((r) => [r.port?.productUrn, r.field]).sort()).toEqual([[first.product.urn, "total"], [second.product.urn, "revenue"]].sort());
    // Port-level reach includes the reader without a mapping too.
    expect(impact.downstream.products.map((p) => p.urn).sort()).toEqual([first.product.urn, second.product.urn, unmapped.product.urn].sort());
    // The contracts/check answer carries the same impact.
    const check = await checkContract(admin, { port: upstream.portUrn, contract: proposed });
    expect((check as { impact?: { fields: unknown } }).impact?.fields).toEqual(impact.fields);
  });

  it("counts, never names, the readers the caller may not see", async () => {
    const proposed = topicContractYaml(upstream.product, upstream.port.location!, "2.0.0", ORDER.filter((p) => p.name !== "amount"));
    const impact = await checkImpact(outsider, { port: upstream.portUrn, contract: proposed });
    expect(impact.fields[0].readBy.map((r) => r.port?.productUrn)).toEqual([first.product.urn]);
    expect(impact.fields[0].hiddenReaders).toBe(1);
    expect(impact.downstream.hiddenProducts).toBe(1);
    expect(JSON.stringify(impact)).not.toContain(second.product.urn);
    expect(impact.summary).toContain("1 you cannot see");
  });

  it("names renamed and retyped fields, and says a compatible addition has no impact", async () => {
    const renamed = ORDER.map((p) => (p.name === "order_id" ? { ...p, name: "order_key" } : p.name === "amount" ? { ...p, logicalType: "string" } : p));
    const impact = await checkImpact(admin, { port: upstream.portUrn, contract: topicContractYaml(upstream.product, upstream.port.location!, "2.0.0", renamed) });
    expect(impact.fields.map((f) => [f.field, f.kind, f.readBy.map((r) => r.field).sort()])).toEqual([
      ["order_id", "field-renamed", ["order"]],
      ["amount", "type-changed", ["revenue", "total"]],
    ]);
    const added = await checkImpact(admin, { port: upstream.portUrn, contract: topicContractYaml(upstream.product, upstream.port.location!, "1.1.0", [...ORDER, { name: "note", logicalType: "string" }]) });
    expect([added.impacted, added.fields]).toEqual([false, []]);
  });

  it("takes field lineage from OpenLineage columnLineage facets too, into the field view and the impact", async () => {
    const naming = { kafkaBrokers: ["kafka.meshwork.test:9092"], postgres: null, aliases: new Map<string, string>() };
    const kafka = "kafka://kafka.meshwork.test:9092";
    const reporter = first.member;
    await ingestOpenLineageEvents(reporter, {
      eventType: "COMPLETE",
      eventTime: "2026-12-01T10:00:00Z",
      producer: "https://example.com/spark",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: randomUUID() },
      job: { namespace: "spark", name: unique("enrich") },
      inputs: [{ namespace: kafka, name: upstream.port.location! }],
      outputs: [{ namespace: kafka, name: unmapped.port.location!, facets: { columnLineage: { _producer: "https://example.com/spark", _schemaURL: "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json", fields: { x: { inputFields: [{ namespace: kafka, name: upstream.port.location!, field: "customer_id" }] } } } } }],
    }, { naming });
    const lineage = await getFieldLineage(admin, upstream.portUrn);
    expect(lineage.fields.find((f) => f.name === "customer_id")!.to).toEqual([expect.objectContaining({ via: "openlineage", field: "x", port: expect.objectContaining({ productUrn: unmapped.product.urn }), job: expect.objectContaining({ namespace: "spark" }) })]);
    const impact = await checkImpact(admin, { port: upstream.portUrn, contract: topicContractYaml(upstream.product, upstream.port.location!, "2.0.0", ORDER.filter((p) => p.name !== "customer_id")) });
    expect(impact.fields.map((f) => [f.field, f.readBy.map((r) => [r.port?.productUrn, r.field, r.via])])).toEqual([["customer_id", [[unmapped.product.urn, "x", "openlineage"]]]]);
  });

  it("lists what a deprecation reaches, for the deprecate dialog", async () => {
    const impact = await getImpact(admin, { product: upstream.product.urn });
    expect(impact).toHaveProperty("impacted", true);
    const merged = impact as { downstream: { products: { urn: string }[] } };
    expect(merged.downstream.products.map((p) => p.urn).sort()).toEqual([first.product.urn, second.product.urn, unmapped.product.urn].sort());
  });
});

describe("impact goes downstream transitively", () => {
  // source ← middle ← far ← farther, and source reads farther (a cycle); middle is a draft; a team subscribes to far.
  let source: Awaited<ReturnType<typeof productWithContract>>;
  let middle: Awaited<ReturnType<typeof productWithContract>>;
  let far: Awaited<ReturnType<typeof productWithContract>>;
  let farther: Awaited<ReturnType<typeof productWithContract>>;
  let subscriber: Awaited<ReturnType<typeof createOwnedTeam>>;

  beforeAll(async () => {
    source = await productWithContract(ORDER);
    middle = await productWithContract(ORDER, { publish: false });
    far = await productWithContract(ORDER);
    farther = await productWithContract(ORDER);
    // An admin wires it: far's owner may not see (so not read) the draft.
    await updateDataProduct(admin, middle.product.id, { inputPorts: [readsOrders(source)] });
    await updateDataProduct(admin, far.product.id, { inputPorts: [readsOrders(middle)] });
    await updateDataProduct(admin, farther.product.id, { inputPorts: [readsOrders(far)] });
    await updateDataProduct(admin, source.product.id, { inputPorts: [readsOrders(farther)] });
    subscriber = await createOwnedTeam(admin);
    await db.subscription.create({ data: { portId: far.port.id, consumerTeamId: subscriber.team.id, purpose: "reporting", state: "active" } });
  });

  const removeAmount = () => topicContractYaml(source.product, source.port.location!, "2.0.0", ORDER.filter((p) => p.name !== "amount"));

  it("lists every product and subscribing team further down, with its hops, and the cycle back to the changed product ends", async () => {
    const impact = await checkImpact(admin, { port: source.portUrn, contract: removeAmount() });
    expect(impact.downstream.products.map((p) => [p.urn, p.hops])).toEqual([
      [middle.product.urn, 1],
      [far.product.urn, 2],
      [farther.product.urn, 3],
    ]);
    // A team reading far (two hops away) reads the change three hops away, as a product reading far would.
    expect(impact.downstream.teams.map((t) => [t.id, t.hops])).toEqual([[subscriber.team.id, 3]]);
    expect(impact.downstream.ports.map((p) => [p.productUrn, p.hops, p.via])).toEqual([
      [middle.product.urn, 1, "input-port"],
      [far.product.urn, 2, "input-port"],
      [farther.product.urn, 3, "input-port"],
    ]);
    expect(impact.summary).toBe("This change reaches 3 downstream products (2 further downstream) and 1 subscribing team.");
  });

  it("walks through a product the caller may not see, counting it and naming only what the caller may see", async () => {
    const impact = await checkImpact(outsider, { port: source.portUrn, contract: removeAmount() });
    expect(impact.downstream.hiddenProducts).toBe(1);
    expect(impact.downstream.products.map((p) => [p.urn, p.hops])).toEqual([
      [far.product.urn, 2],
      [farther.product.urn, 3],
    ]);
    expect(JSON.stringify(impact)).not.toContain(middle.product.urn);
    expect(impact.summary).toContain("3 downstream products (1 you cannot see, 2 further downstream)");
  });

  it("a deprecation's list is transitive too, each product at its fewest hops", async () => {
    const impact = await getImpact(admin, { product: middle.product.urn });
    const merged = impact as { downstream: { products: { urn: string; hops: number }[]; teams: { id: string; hops: number }[] } };
    expect(merged.downstream.products.map((p) => [p.urn, p.hops])).toEqual([
      [far.product.urn, 1],
      [farther.product.urn, 2],
      [source.product.urn, 3],
    ]);
    expect(merged.downstream.teams.map((t) => [t.id, t.hops])).toEqual([[subscriber.team.id, 2]]);
  });
});

describe("field impact goes downstream transitively", () => {
  // source.amount → middle.total (a draft) → far.grand → farther.amount → source.amount again (a cycle).
  let source: Awaited<ReturnType<typeof productWithContract>>;
  let middle: Awaited<ReturnType<typeof productWithContract>>;
  let far: Awaited<ReturnType<typeof productWithContract>>;
  let farther: Awaited<ReturnType<typeof productWithContract>>;

  beforeAll(async () => {
    source = await productWithContract(ORDER);
    middle = await productWithContract([{ name: "total", logicalType: "number" }], { publish: false });
    far = await productWithContract([{ name: "grand", logicalType: "number" }, { name: "note", logicalType: "string" }]);
    farther = await productWithContract(ORDER);
    await updateDataProduct(admin, middle.product.id, { inputPorts: [readsOrders(source, { total: ["amount"] })] });
    await updateDataProduct(admin, far.product.id, { inputPorts: [readsOrders(middle, { grand: ["total"] })] });
    await updateDataProduct(admin, farther.product.id, { inputPorts: [readsOrders(far, { amount: ["grand"], customer_id: ["note"] })] });
    await updateDataProduct(admin, source.product.id, { inputPorts: [readsOrders(farther, { amount: ["amount"] })] });
  });

  const removeAmount = () => topicContractYaml(source.product, source.port.location!, "2.0.0", ORDER.filter((p) => p.name !== "amount"));

  it("lists every field that reads a removed field, however far down, with its hops; the cycle back ends", async () => {
    const impact = await checkImpact(admin, { port: source.portUrn, contract: removeAmount() });
    expect(impact.fields.map((f) => f.field)).toEqual(["amount"]);
    expect(impact.fields[0].readBy.map((r) => [r.port?.productUrn, r.field, r.hops])).toEqual([
      [middle.product.urn, "total", 1],
      [far.product.urn, "grand", 2],
      [farther.product.urn, "amount", 3],
    ]);
    expect(impact.summary).toContain("3 downstream fields read a changed field");
  });

  it("walks through a field of a product the caller may not see: counted, never named", async () => {
    const impact = await checkImpact(outsider, { port: source.portUrn, contract: removeAmount() });
    expect(impact.fields[0].readBy.map((r) => [r.port?.productUrn, r.field, r.hops])).toEqual([
      [far.product.urn, "grand", 2],
      [farther.product.urn, "amount", 3],
    ]);
    expect(impact.fields[0].hiddenReaders).toBe(1);
    expect(JSON.stringify(impact)).not.toContain(middle.product.urn);
  });
});
