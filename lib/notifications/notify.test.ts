import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createOwnedTeam, createUser } from "@/lib/testing/fixtures";
import { notify } from "./notify";

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});
afterAll(() => db.$disconnect());

const jobsFor = async (deliveryId: string) =>
  db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE payload->>'deliveryId' = ${deliveryId}`.then((r) => Number(r[0].n));

describe("notify", () => {
  it("writes one row per recipient user (team members and named users, once each) and one webhook delivery per hooked team", async () => {
    const hooked = await createOwnedTeam(admin);
    const plain = await createOwnedTeam(admin);
    const loner = await createUser();
    await db.teamWebhook.create({ data: { teamId: hooked.team.id, url: "http://localhost:9/hook", secret: "s".repeat(43) } });

    await db.$transaction((tx) =>
      notify(tx, {
        kind: "product.deprecated",
        title: "Orders is deprecated",
        link: "/products/sales/orders",
        data: { product: "urn:meshwork:sales:orders" },
        recipients: { userIds: [loner.id, hooked.owner.id], teamIds: [hooked.team.id, plain.team.id] },
      }),
    );

    const rows = await db.notification.findMany({ where: { title: "Orders is deprecated", userId: { in: [loner.id, hooked.owner.id, hooked.member.id, plain.owner.id, plain.member.id] } } });
    expect(rows.map((r) => r.userId).sort()).toEqual([loner.id, hooked.owner.id, hooked.member.id, plain.owner.id, plain.member.id].sort());
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(1);
    expect(rows.every((r) => r.readAt === null && r.link === "/products/sales/orders")).toBe(true);

    const deliveries = await db.webhookDelivery.findMany({ where: { teamId: { in: [hooked.team.id, plain.team.id] } } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ teamId: hooked.team.id, kind: "product.deprecated", state: "pending", eventId: rows[0].eventId });
    expect(deliveries[0].payload).toMatchObject({ id: rows[0].eventId, type: "product.deprecated", team: { id: hooked.team.id }, data: { product: "urn:meshwork:sales:orders" } });
    expect(await jobsFor(deliveries[0].id)).toBe(1);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE payload->>'deliveryId' = ${deliveries[0].id}`;
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const hooked = await createOwnedTeam(admin);
    await db.teamWebhook.create({ data: { teamId: hooked.team.id, url: "http://localhost:9/hook", secret: "s".repeat(43) } });
    await expect(
      db.$transaction(async (tx) => {
        await notify(tx, { kind: "grant.applied", title: "Access granted", recipients: { teamIds: [hooked.team.id] } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.notification.count({ where: { userId: { in: [hooked.owner.id, hooked.member.id] } } })).toBe(0);
    expect(await db.webhookDelivery.count({ where: { teamId: hooked.team.id } })).toBe(0);
  });

  it("refuses an unknown kind or a link that is not a portal path", async () => {
    const user = await createUser();
    await expect(db.$transaction((tx) => notify(tx, { kind: "nope" as never, title: "x", recipients: { userIds: [user.id] } }))).rejects.toThrow();
    await expect(db.$transaction((tx) => notify(tx, { kind: "grant.applied", title: "x", link: "https://evil.example", recipients: { userIds: [user.id] } }))).rejects.toThrow();
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
  });
});
