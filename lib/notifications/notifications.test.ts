import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { callRoute } from "@/lib/testing/call-route";
import { createOwnedTeam, createUser } from "@/lib/testing/fixtures";
import { listNotifications } from "./list-notifications";
import { markNotificationsRead } from "./mark-notifications-read";
import { notify } from "./notify";

let admin: Actor;
beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});
afterAll(() => db.$disconnect());

const send = (userId: string, title: string) => db.$transaction((tx) => notify(tx, { kind: "subscription.decided", title, recipients: { userIds: [userId] } }));

describe("the notification centre", () => {
  it("lists only the caller's own notifications, newest first, paged, with the unread count", async () => {
    const me = await createUser();
    const other = await createUser();
    for (const n of [1, 2, 3]) await send(me.id, `mine ${n}`);
    await send(other.id, "theirs");
    const first = await listNotifications(me, { pageSize: "2" });
    expect(first).toMatchObject({ total: 3, unreadCount: 3, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.title)).toEqual(["mine 3", "mine 2"]);
    const second = await listNotifications(me, { pageSize: "2", page: "2" });
    expect(second.items.map((i) => i.title)).toEqual(["mine 1"]);
    expect((await listNotifications(other)).items.map((i) => i.title)).toEqual(["theirs"]);
  });

  it("marks one or all read; ids of someone else's notifications change nothing", async () => {
    const me = await createUser();
    const other = await createUser();
    await send(me.id, "a");
    await send(me.id, "b");
    await send(other.id, "not yours");
    const [theirs] = (await listNotifications(other)).items;
    expect(await markNotificationsRead(me, { ids: [theirs.id] })).toEqual({ marked: 0, unreadCount: 2 });
    expect((await listNotifications(other)).unreadCount).toBe(1);

    const [b] = (await listNotifications(me)).items;
    expect(await markNotificationsRead(me, { ids: [b.id] })).toEqual({ marked: 1, unreadCount: 1 });
    expect(await markNotificationsRead(me, { all: true })).toEqual({ marked: 1, unreadCount: 0 });
    expect((await listNotifications(other)).unreadCount).toBe(1);
    await expect(markNotificationsRead(me, { ids: ["nope"] })).rejects.toThrow(/ids/);
    await expect(markNotificationsRead(me, { all: false })).rejects.toThrow();
  });

  it("takes two marks at once (all and the same ids): each notification is marked read exactly once and none is left unread", async () => {
    const me = await createUser();
    for (const n of [1, 2, 3, 4]) await send(me.id, `race ${n}`);
    const ids = (await listNotifications(me)).items.map((i) => i.id);
    const results = await Promise.all([markNotificationsRead(me, { all: true }), markNotificationsRead(me, { ids }), markNotificationsRead(me, { ids: ids.slice(0, 2) })]);
    expect(results.reduce((sum, r) => sum + r.marked, 0)).toBe(4);
    expect(results.every((r) => r.unreadCount === 0)).toBe(true);
    const rows = await db.notification.findMany({ where: { userId: me.id } });
    expect(rows.every((r) => r.readAt !== null)).toBe(true);
  });

  it("answers GET /api/v1/notifications with the caller's own and POST /api/v1/notifications/read for them only", async () => {
    const { team, owner, member } = await createOwnedTeam(admin);
    await db.$transaction((tx) => notify(tx, { kind: "product.deprecated", title: "team news", recipients: { teamIds: [team.id] } }));
    const ownerToken = (await createApiToken(owner, { name: "t" })).token;
    const memberToken = (await createApiToken(member, { name: "t" })).token;
    const list = await callRoute("api/v1/notifications", "GET", { token: ownerToken });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { items: { id: string; title: string }[]; unreadCount: number };
    expect(body.items.map((i) => i.title)).toEqual(["team news"]);
    // The member marking the owner's notification id marks nothing of the owner's.
    const marked = await callRoute("api/v1/notifications/read", "POST", { token: memberToken, body: JSON.stringify({ ids: [body.items[0].id] }) });
    expect(await marked.json()).toEqual({ marked: 0, unreadCount: 1 });
    expect((await listNotifications(owner)).unreadCount).toBe(1);
    const bad = await callRoute("api/v1/notifications/read", "POST", { token: ownerToken, body: JSON.stringify({ ids: "all" }) });
    expect(bad.status).toBe(422);
    expect((await callRoute("api/v1/notifications", "GET", {})).status).toBe(401);
  });

  it("refuses a team's webhook settings to its members and to strangers through the API", async () => {
    const { team, owner, member } = await createOwnedTeam(admin);
    const stranger = await createUser();
    const ownerToken = (await createApiToken(owner, { name: "t" })).token;
    const put = await callRoute("api/v1/teams/[id]/webhook", "PUT", { params: { id: team.id }, token: ownerToken, body: JSON.stringify({ url: "https://hooks.example.com/in" }) });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { secret: string }).secret).toMatch(/^whsec_/);
    for (const who of [member, stranger]) {
      const token = (await createApiToken(who, { name: "t" })).token;
      for (const [folder, method] of [["api/v1/teams/[id]/webhook", "GET"], ["api/v1/teams/[id]/webhook/deliveries", "GET"], ["api/v1/teams/[id]/webhook/secret", "POST"], ["api/v1/teams/[id]/webhook", "DELETE"]] as const) {
        const response = await callRoute(folder, method, { params: { id: team.id }, token });
        expect(response.status, `${method} ${folder}`).toBe(403);
      }
    }
    const got = await callRoute("api/v1/teams/[id]/webhook", "GET", { params: { id: team.id }, token: ownerToken });
    const view = (await got.json()) as { webhook: Record<string, unknown> };
    expect(view.webhook).toMatchObject({ url: "https://hooks.example.com/in" });
    expect(view.webhook).not.toHaveProperty("secret");
  });
});
