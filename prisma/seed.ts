// Loads the demo mesh into an empty database through the same lib functions users go through.
// Run directly (`npx tsx prisma/seed.ts`) it migrates and seeds the database at DATABASE_URL.
import path from "node:path";
import pg from "pg";
import { db } from "@/lib/db";
import { demoMode, env, requireDatabaseUrl } from "@/lib/env";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { hashPassword } from "@/lib/auth/passwords";
import { changeProductStatus } from "@/lib/catalog/change-product-status";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { productUrn } from "@/lib/catalog/product-input";
import { createProductTable } from "@/lib/data-tables/create-product-table";
import { dataDatabaseUrl } from "@/lib/data-tables/data-database";
import { migrateDatabase } from "@/lib/db/migrate";
import { createDomain } from "@/lib/org/create-domain";
import { createTeam } from "@/lib/org/create-team";
import { setTeamMember } from "@/lib/org/set-team-member";
import { seedProductContracts } from "./seed-contracts";
import { seedDemoAccessHistory } from "./demo-access-history";
import { DEMO_USERS } from "@/lib/demo/demo-users";
import { DEMO_DOMAINS, DEMO_PRODUCTS, DEMO_TEAMS, type DemoLifecycle, type DemoProduct } from "./demo-mesh";

export type SeedResult = { seeded: boolean; reason?: string; users?: number; domains?: number; teams?: number; products?: number; tables?: number };

const urnOf = (p: DemoProduct) => productUrn(p.domain, p.slug);

/** The products in an order where every product comes after the products it reads (stable otherwise). */
export function upstreamFirst(products: DemoProduct[]): DemoProduct[] {
  const known = new Set(products.map(urnOf));
  const done = new Set<string>();
  const ordered: DemoProduct[] = [];
  let pending = products;
  while (pending.length > 0) {
    const ready = pending.filter((p) => (p.inputPorts ?? []).every((i) => done.has(i.from.product) || !known.has(i.from.product)));
    if (ready.length === 0) throw new Error(`The demo lineage has a cycle among ${pending.map(urnOf).join(", ")}.`);
    for (const p of ready) {
      ordered.push(p);
      done.add(urnOf(p));
    }
    pending = pending.filter((p) => !done.has(urnOf(p)));
  }
  return ordered;
}

// Fixed dates keep the seed deterministic; once one has passed, it moves on by whole years so deprecating stays valid.
function sunsetDate(fixed: string): string {
  const date = new Date(`${fixed}T00:00:00Z`);
  while (date.getTime() < Date.now()) date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

async function applyLifecycle(admin: Actor, urn: string, lifecycle: DemoLifecycle): Promise<void> {
  if (lifecycle.status === "draft") return;
  await changeProductStatus(admin, urn, { status: "published" });
  if (lifecycle.status === "published") return;
  await changeProductStatus(admin, urn, { status: "deprecated", reason: lifecycle.reason, sunsetDate: sunsetDate(lifecycle.sunsetDate) });
  if (lifecycle.status === "retired") await changeProductStatus(admin, urn, { status: "retired" });
}

/** Seeds the demo users, domains, teams and products in demo mode, unless the database already has a domain. */
export async function seedDemoMesh(): Promise<SeedResult> {
  // Demo accounts share a published password: they exist only where demo mode was asked for.
  if (!demoMode) return { seeded: false, reason: "Demo mode is off (MESHWORK_DEMO is not \"on\"): no demo accounts or demo mesh seeded." };
  if ((await db.domain.count()) > 0) return { seeded: false };

  // One hash for all: every demo account shares the published demo password, and bcrypt is slow on purpose.
  const passwordHash = await hashPassword(env.MESHWORK_DEMO_PASSWORD);
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = await db.user.upsert({ where: { email: u.email }, update: {}, create: { email: u.email, name: u.name, role: u.role, passwordHash } });
    userIds.set(u.email, user.id);
  }
  const adminEmail = DEMO_USERS.find((u) => u.role === "admin")!.email;
  const admin = await loadActor(userIds.get(adminEmail)!);
  if (!admin) throw new Error(`The demo admin ${adminEmail} could not be loaded.`);

  for (const domain of DEMO_DOMAINS) await createDomain(admin, domain);
  const teamIds = new Map<string, string>();
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(admin, team);
    teamIds.set(`${team.domain}/${team.slug}`, created.id);
  }
  for (const u of DEMO_USERS) {
    for (const t of u.teams) {
      const teamId = teamIds.get(`${t.domain}/${t.team}`);
      if (!teamId) throw new Error(`Demo user ${u.email} belongs to an unknown team ${t.domain}/${t.team}.`);
      await setTeamMember(admin, teamId, { email: u.email, role: t.role });
    }
  }

  for (const { lifecycle, ...descriptor } of upstreamFirst(DEMO_PRODUCTS)) {
    const product = await createDataProduct(admin, descriptor);
    await seedProductContracts(admin, product.urn);
    await applyLifecycle(admin, product.urn, lifecycle);
  }
  const tables = await createDemoTables();
  // A few weeks of access requests, so the governance view's time-to-access shows something on first start.
  await seedDemoAccessHistory();
  return { seeded: true, users: DEMO_USERS.length, domains: DEMO_DOMAINS.length, teams: DEMO_TEAMS.length, products: DEMO_PRODUCTS.length, tables };
}

/**
 * Creates the table of every table output port with an active contract (retired products' aside) at its declared
 * location in the data database, so a subscription's grant has a table to act on from the start. Its own short-lived
 * pool: the seed runs in launchers (npm start, the e2e server) that must not keep a connection open afterwards.
 */
async function createDemoTables(): Promise<number> {
  const ports = await db.port.findMany({
    where: { type: "table", direction: "output", dataProduct: { status: { not: "retired" } }, contractVersions: { some: { status: "active" } } },
    select: { id: true },
    orderBy: { location: "asc" },
  });
  const data = new pg.Pool({ connectionString: dataDatabaseUrl(), max: 1, application_name: "meshwork seed" });
  try {
    for (const port of ports) await createProductTable(port.id, { data });
  } finally {
    await data.end();
  }
  return ports.length;
}

async function main() {
  const started = Date.now();
  const migrations = await migrateDatabase(requireDatabaseUrl());
  if (migrations.applied.length > 0) console.log(`Applied ${migrations.applied.length} migration(s).`);
  const result = await seedDemoMesh();
  if (!result.seeded) {
    console.log(result.reason ?? "The database already has domains: nothing seeded.");
  } else {
    const statuses = await db.dataProduct.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } });
    const byStatus = statuses.map((s) => `${s._count._all} ${s.status}`).join(", ");
    console.log(`Seeded ${result.users} users, ${result.domains} domains, ${result.teams} teams, ${result.products} data products (${byStatus}) and ${result.tables} tables in ${Date.now() - started} ms.`);
    console.log(`Demo accounts (password "${env.MESHWORK_DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main()
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => db.$disconnect());
}
