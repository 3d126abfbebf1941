import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { createDomainWithTeam, createOwnedTeam, createUser, expectMeshworkError, registerProduct, unique } from "@/lib/testing/fixtures";
import { deleteDomain, deleteTeam, updateDomain, updateTeam } from "./change-org";
import { createTeam } from "./create-team";
import { listUsers } from "./list-users";
import { setUserRole } from "./set-user-role";

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

describe("the admin console's people: roles change, audited, only by admins", () => {
  it("finds a person by name or e-mail, with the teams they are in", async () => {
    const { team, owner } = await createOwnedTeam(admin);
    const found = await listUsers(admin, { q: owner.email.toUpperCase() });
    expect(found.items.map((u) => u.id)).toEqual([owner.id]);
    expect(found.items[0].memberships).toEqual([{ role: "owner", team: expect.objectContaining({ id: team.id, name: team.name }) }]);
  });

  it("an admin makes someone a steward: the role takes effect and the change is audited with before and after", async () => {
    const person = await createUser();
    await setUserRole(admin, person.id, { role: "steward" });
    expect((await loadActor(person.id))?.role).toBe("steward");
    const events = await db.auditEvent.findMany({ where: { entityType: "user", entityId: person.id } });
    expect(events).toEqual([expect.objectContaining({ action: "user.role.set", actorId: admin.id, before: { role: "user" }, after: { role: "steward" } })]);
  });

  it("nobody but an admin lists people or changes roles, and a made-up role is refused by name", async () => {
    const person = await createUser();
    for (const refused of [await createUser({ role: "steward" }), await createUser()]) {
      await expectMeshworkError(listUsers(refused, {}), "forbidden");
      await expectMeshworkError(setUserRole(refused, person.id, { role: "admin" }), "forbidden");
    }
    const bad = await expectMeshworkError(setUserRole(admin, person.id, { role: "superuser" }), "validation_failed");
    expect(bad.details).toEqual([{ path: "role", message: "must be user, steward or admin" }]);
    await expectMeshworkError(setUserRole(admin, "not-a-uuid", { role: "steward" }), "not_found");
    expect((await loadActor(person.id))?.role).toBe("user");
  });

  it("two role changes for one person at once are applied one after the other, the audit trail in the same order", async () => {
    const person = await createUser();
    await Promise.all([setUserRole(admin, person.id, { role: "steward" }), setUserRole(admin, person.id, { role: "admin" })]);
    const events = await db.auditEvent.findMany({ where: { entityType: "user", entityId: person.id }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    // The second change saw the first one's result as its "before".
    expect((events[1].before as { role: string }).role).toBe((events[0].after as { role: string }).role);
    expect((await loadActor(person.id))?.role).toBe((events[1].after as { role: string }).role);
  });
});

describe("the admin console's domains and teams: edit, and delete only what nothing depends on", () => {
  it("renames a domain and a team, audited; the slugs stay", async () => {
    const { domain, team } = await createDomainWithTeam(admin);
    expect(await updateDomain(admin, domain.slug, { name: "Renamed Domain", description: "New words" })).toMatchObject({ slug: domain.slug, name: "Renamed Domain" });
    expect(await updateTeam(admin, team.id, { name: "Renamed Team", contactEmail: "team@example.com" })).toMatchObject({ slug: team.slug, name: "Renamed Team" });
    const actions = await db.auditEvent.findMany({ where: { entityId: { in: [domain.id, team.id] }, action: { in: ["domain.update", "team.update"] } } });
    expect(actions.map((a) => a.action).sort()).toEqual(["domain.update", "team.update"]);
  });

  it("a domain with products cannot be deleted, and says why; once empty it can", async () => {
    const { domain, team, owner } = await createOwnedTeam(admin);
    await registerProduct(owner);
    const refused = await expectMeshworkError(deleteDomain(admin, domain.slug), "conflict");
    expect(refused.message).toMatch(/still has 1 data product/);
    const teamRefused = await expectMeshworkError(deleteTeam(admin, team.id), "conflict");
    expect(teamRefused.message).toMatch(/still owns 1 data product/);
    expect(await db.domain.count({ where: { id: domain.id } })).toBe(1);

    const empty = await createDomainWithTeam(admin);
    await expectMeshworkError(deleteDomain(admin, empty.domain.slug), "conflict");
    await deleteTeam(admin, empty.team.id);
    await deleteDomain(admin, empty.domain.slug);
    expect(await db.domain.count({ where: { id: empty.domain.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: { in: ["team.delete", "domain.delete"] }, entityId: { in: [empty.domain.id, empty.team.id] } } })).toBe(2);
  });

  it("deleting a domain while a team is created in it at once: either the team exists in a kept domain, or neither exists", async () => {
    const { domain } = await createDomainWithTeam(admin).then(async ({ domain, team }) => {
      await deleteTeam(admin, team.id);
      return { domain };
    });
    const slug = unique("late");
    const [deleted, created] = await Promise.allSettled([deleteDomain(admin, domain.slug), createTeam(admin, { domain: domain.slug, slug, name: "Late Team" })]);
    const domainLeft = await db.domain.count({ where: { id: domain.id } });
    const teamLeft = await db.team.count({ where: { slug, domainId: domain.id } });
    if (deleted.status === "fulfilled") expect([domainLeft, teamLeft, created.status]).toEqual([0, 0, "rejected"]);
    else expect([domainLeft, teamLeft, created.status]).toEqual([1, 1, "fulfilled"]);
  });

  it("nobody but an admin edits or deletes domains and teams", async () => {
    const { domain, team, owner } = await createOwnedTeam(admin);
    for (const refused of [owner, await createUser({ role: "steward" })]) {
      await expectMeshworkError(updateDomain(refused, domain.slug, { name: "Hijacked" }), "forbidden");
      await expectMeshworkError(deleteDomain(refused, domain.slug), "forbidden");
      await expectMeshworkError(updateTeam(refused, team.id, { name: "Hijacked" }), "forbidden");
      await expectMeshworkError(deleteTeam(refused, team.id), "forbidden");
    }
    expect((await db.domain.findUniqueOrThrow({ where: { id: domain.id } })).name).not.toBe("Hijacked");
  });
});
