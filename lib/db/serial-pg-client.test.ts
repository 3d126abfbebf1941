import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";

// pg deprecates (and pg 9 refuses) a query sent to a client that is still running another one. Prisma loads an
// include's relations in parallel, which inside an interactive transaction means on one client.
const overlapping: string[] = [];
const originalQuery = pg.Client.prototype.query;

beforeAll(() => {
  pg.Client.prototype.query = function (this: pg.Client & { activeQuery?: unknown }, ...args: unknown[]) {
    if (this.activeQuery) overlapping.push(String((args[0] as { text?: string })?.text ?? args[0]).slice(0, 120));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});
afterAll(() => {
  pg.Client.prototype.query = originalQuery;
});

describe("the database client", () => {
  it("never sends a query to a connection that is still running one, even for includes inside a transaction", async () => {
    const admin = await createUser({ role: "admin" });
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    overlapping.length = 0;

    const ports = await db.$transaction((tx) => tx.port.findMany({ where: { dataProductId: product.id }, include: { dataProduct: { include: { domain: true, team: true } } } }));

    expect(ports.map((p) => p.dataProduct.team.id)).toEqual([owner.memberships[0].teamId]);
    expect(overlapping).toEqual([]);
  });
});
