import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { prepareTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DEMO_USERS } from "./demo-users";

// The seed only runs on a database without domains, and other test files share the run's database: use a fresh one.
let database: TestDatabase;
let db: Db;
let seedDemoMesh: typeof import("@/prisma/seed").seedDemoMesh;
let loadActor: typeof import("@/lib/auth/load-actor").loadActor;
let verifyPassword: typeof import("@/lib/auth/passwords").verifyPassword;
let firstRun: Awaited<ReturnType<typeof seedDemoMesh>>;
let seedMs: number;

beforeAll(async () => {
  database = await prepareTestDatabase("demo");
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { meshworkDb?: Db }).meshworkDb;
  ({ db } = await import("@/lib/db"));
  ({ seedDemoMesh } = await import("@/prisma/seed"));
  ({ loadActor } = await import("@/lib/auth/load-actor"));
  ({ verifyPassword } = await import("@/lib/auth/passwords"));
  const started = Date.now();
  firstRun = await seedDemoMesh();
  seedMs = Date.now() - started;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

/** The URNs of the products whose output ports the input ports of `downstreamUrn` read. */
async function upstreamsOf(downstreamUrn: string): Promise<string[]> {
  const inputs = await db.port.findMany({
    where: { direction: "input", dataProduct: { urn: downstreamUrn } },
    include: { upstreamPort: { include: { dataProduct: { select: { urn: true } } } } },
  });
  return inputs.map((p) => p.upstreamPort!.dataProduct.urn);
}

describe("seedDemoMesh on an empty database", () => {
  it("seeds the whole mesh into the database it was given", async () => {
    expect(firstRun.seeded).toBe(true);
    console.log(`Seeded the demo mesh in ${seedMs} ms.`); // a figure to read, not a limit: speed is for bench/, not tests
    expect(await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`).toEqual([{ name: new URL(database.url).pathname.slice(1) }]);
  });

  it("creates at least 6 domains, each with a team, and at least 25 products", async () => {
    const domains = await db.domain.findMany({ include: { _count: { select: { teams: true, products: true } } } });
    expect(domains.length).toBeGreaterThanOrEqual(6);
    for (const slug of ["orders", "payments", "inventory", "shipping", "customers", "marketing"]) {
      const domain = domains.find((d) => d.slug === slug);
      expect(domain, slug).toBeDefined();
      expect(domain!._count.teams).toBeGreaterThan(0);
      expect(domain!._count.products).toBeGreaterThan(0);
    }
    expect(await db.dataProduct.count()).toBeGreaterThanOrEqual(25);
  });

  it("gives every product a description, tags and at least one output port, and a search document", async () => {
    const products = await db.dataProduct.findMany({ include: { ports: true } });
    const found = await db.$queryRaw<{ slug: string }[]>`SELECT p.slug FROM data_product_search s JOIN data_product p ON p.id = s.product_id WHERE s.search_vector @@ plainto_tsquery('english', 'fulfilment sla')`;
    expect(found.map((r) => r.slug)).toContain("order-fulfilment-sla");
    const vocabulary = await db.$queryRaw<{ term: string }[]>`SELECT term FROM search_term WHERE term IN ('fulfilment', 'clickstream')`;
    expect(vocabulary.map((r) => r.term).sort()).toEqual(["clickstream", "fulfilment"]);
    const indexed = new Set((await db.$queryRaw<{ product_id: string }[]>`SELECT product_id FROM data_product_search`).map((r) => r.product_id));
    for (const p of products) {
      expect(p.ports.filter((port) => port.direction === "output").length, p.urn).toBeGreaterThan(0);
      expect(p.description.length, p.urn).toBeGreaterThan(40);
      expect(p.tags.length, p.urn).toBeGreaterThanOrEqual(3);
      expect(indexed.has(p.id), p.urn).toBe(true);
    }
    expect(new Set(products.map((p) => p.classification))).toEqual(new Set(["public", "internal", "confidential", "restricted"]));
    const tables = products.flatMap((p) => p.ports).filter((port) => port.type === "table" && port.sourcePortId);
    expect(tables.length).toBeGreaterThan(10);
  });

  it("has most products published, some drafts, two deprecated with a reason and sunset date, one retired", async () => {
    const products = await db.dataProduct.findMany();
    const count = (status: string) => products.filter((p) => p.status === status).length;
    expect(count("published")).toBeGreaterThan(products.length / 2);
    expect(count("draft")).toBeGreaterThan(0);
    expect(count("retired")).toBe(1);
    const deprecated = products.filter((p) => p.status === "deprecated");
    expect(deprecated).toHaveLength(2);
    for (const p of deprecated) {
      expect(p.deprecationReason).toBeTruthy();
      expect(p.sunsetDate!.getTime()).toBeGreaterThan(Date.now());
    }
  });

  it("links products into a lineage DAG including orders → order-fulfilment-sla → customer-360", async () => {
    expect(await upstreamsOf("urn:meshwork:shipping:order-fulfilment-sla")).toContain("urn:meshwork:orders:orders");
    expect(await upstreamsOf("urn:meshwork:customers:customer-360")).toContain("urn:meshwork:shipping:order-fulfilment-sla");
    expect(await upstreamsOf("urn:meshwork:finance:revenue-daily")).toEqual(expect.arrayContaining(["urn:meshwork:payments:payments", "urn:meshwork:orders:orders"]));
    expect(await upstreamsOf("urn:meshwork:customers:churn-scores")).toContain("urn:meshwork:customers:customer-360");
  });

  it("creates every demo user with the demo password and the teams it lists", async () => {
    for (const demo of DEMO_USERS) {
      const user = await db.user.findUniqueOrThrow({ where: { email: demo.email }, omit: { passwordHash: false } });
      expect(user.passwordHash, demo.email).toBeTruthy();
      // bcrypt is slow on purpose: checking the password of the first account is enough.
      if (demo === DEMO_USERS[0]) expect(await verifyPassword("meshwork-demo", user.passwordHash!)).toBe(true);
      const actor = await loadActor(user.id);
      expect(actor).toMatchObject({ email: demo.email, name: demo.name, role: demo.role });
      const teams = actor!.memberships.map((m) => ({ domain: m.domainSlug, team: m.teamSlug, role: m.role }));
      expect(teams).toEqual(expect.arrayContaining(demo.teams));
      expect(teams).toHaveLength(demo.teams.length);
    }
    const roles = DEMO_USERS.map((u) => u.role);
    expect(roles).toEqual(expect.arrayContaining(["admin", "steward", "user"]));
  });

  it("gives the demo analyst a consumer team of his own, and a second analyst another one, both owning no product", async () => {
    const teamsOf = async (email: string) => (await db.teamMembership.findMany({ where: { user: { email } }, include: { team: { include: { _count: { select: { products: true } } } } } })).map((m) => m.team);
    const [analyst, second] = [await teamsOf("analyst@meshwork.dev"), await teamsOf("lena@meshwork.dev")];
    expect(analyst).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(analyst[0].id).not.toBe(second[0].id);
    for (const team of [...analyst, ...second]) expect(team._count.products, team.slug).toBe(0);
    expect(await teamsOf("visitor@meshwork.dev")).toEqual([]);
  });

  it("creates the table of every table port with an active contract at its location, outside Meshwork's schema", async () => {
    const ports = await db.port.findMany({
      where: { type: "table", direction: "output", dataProduct: { status: { not: "retired" } }, contractVersions: { some: { status: "active" } } },
      select: { location: true },
    });
    expect(ports.length).toBeGreaterThan(10);
    expect(firstRun.tables).toBe(ports.length);
    const existing = await db.$queryRaw<{ location: string }[]>`
      SELECT n.nspname || '.' || c.relname AS location FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('public', 'graphile_worker', 'pg_catalog', 'information_schema')`;
    const created = new Set(existing.map((r) => r.location));
    for (const { location } of ports) expect(created.has(location!.toLowerCase()), location!).toBe(true);
  });

  it("wrote an audit event for each product's registration and status changes", async () => {
    const products = await db.dataProduct.findMany({ select: { id: true, status: true } });
    const created = await db.auditEvent.findMany({ where: { action: "product.create" } });
    expect(created.map((e) => e.entityId).sort()).toEqual(products.map((p) => p.id).sort());
    const published = await db.auditEvent.count({ where: { action: "product.publish" } });
    expect(published).toBe(products.filter((p) => p.status !== "draft").length);
    expect(await db.auditEvent.count({ where: { action: "domain.create" } })).toBe(await db.domain.count());
  });

  it("carries four weeks of access requests for the governance view: decided in the past, some auto-approved, a few still waiting", async () => {
    const { computeAccessMetrics } = await import("@/lib/governance/get-access-metrics");
    const metrics = await computeAccessMetrics({ days: 30, limit: 10 });
    expect(metrics.overall.requests).toBeGreaterThanOrEqual(30);
    expect(metrics.overall.autoApproved).toBeGreaterThan(0);
    expect(metrics.overall.autoApproved).toBeLessThan(metrics.overall.requests);
    expect(metrics.byDomain.filter((d) => d.medianHours !== null).length).toBeGreaterThanOrEqual(5);
    expect(metrics.overall.p90Hours!).toBeGreaterThan(metrics.overall.medianHours!);
    expect(metrics.openRequests.length).toBeGreaterThan(0);
    const times = await db.subscription.findMany({ select: { createdAt: true, approvedAt: true, activatedAt: true, endedAt: true } });
    const stamps = times.flatMap((t) => [t.createdAt, t.approvedAt, t.activatedAt, t.endedAt]).filter((d): d is Date => d !== null);
    expect(Math.max(...stamps.map((d) => d.getTime()))).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - Math.min(...times.map((t) => t.createdAt.getTime()))).toBeGreaterThan(21 * 86_400_000);
    // Nothing of the history is left for the worker: no grant waits to be applied.
    expect(await db.accessGrant.count({ where: { state: { in: ["pending", "failed"] } } })).toBe(0);
  });

  it("leaves an audit chain that verifies once sealed (the migration's and the sealer's hashes agree)", async () => {
    const { sealAuditEvents } = await import("@/lib/audit/seal-audit-events");
    const { checkAuditChain } = await import("@/lib/audit/verify-audit-chain");
    await sealAuditEvents();
    const chain = await checkAuditChain();
    expect(chain).toMatchObject({ ok: true, unsealed: 0, firstBroken: null });
    expect(chain.sealed).toBe(await db.auditEvent.count());
  });

  it("does nothing when called again", async () => {
    const before = { products: await db.dataProduct.count(), events: await db.auditEvent.count(), users: await db.user.count() };
    expect(await seedDemoMesh()).toEqual({ seeded: false });
    expect({ products: await db.dataProduct.count(), events: await db.auditEvent.count(), users: await db.user.count() }).toEqual(before);
  });
});
