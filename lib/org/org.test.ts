import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { getDataProduct } from "@/lib/catalog/get-data-product";
import { addMember, createDomainWithTeam, createOwnedTeam, createUser, expectMeshworkError, registerProduct, reload, unique } from "@/lib/testing/fixtures";
import { createDomain } from "./create-domain";
import { createTeam } from "./create-team";
import { setTeamMember } from "./set-team-member";
import { removeTeamMember } from "./remove-team-member";
import { getDomain } from "./get-domain";

let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

describe("a platform admin sets up domains and teams", () => {
  it("creates a domain and a team in it, each audited", async () => {
    const slug = unique("sales");
    const domain = await createDomain(admin, { slug, name: "Sales", description: "Everything we sell" });
    expect(domain).toMatchObject({ slug, name: "Sales", description: "Everything we sell" });
    const team = await createTeam(admin, { domain: slug, slug: "checkout", name: "Checkout", contactEmail: "checkout@example.com" });
    expect(team).toMatchObject({ domainId: domain.id, slug: "checkout", contactEmail: "checkout@example.com" });

    const page = await getDomain(admin, slug);
    expect(page.teams.map((t) => t.slug)).toEqual(["checkout"]);
    const actions = await db.auditEvent.findMany({ where: { entityId: { in: [domain.id, team.id] } }, orderBy: { id: "asc" } });
    expect(actions.map((e) => [e.action, e.actorId])).toEqual([
      ["domain.create", admin.id],
      ["team.create", admin.id],
    ]);
  });

  it("refuses everyone else", async () => {
    const steward = await createUser({ role: "steward" });
    const { domain, owner } = await createOwnedTeam(admin);
    const slug = unique("rogue");
    for (const refused of [steward, owner, await createUser()]) {
      await expectMeshworkError(createDomain(refused, { slug, name: "Rogue" }), "forbidden");
      await expectMeshworkError(createTeam(refused, { domain: domain.slug, slug, name: "Rogue" }), "forbidden");
    }
    expect(await db.domain.count({ where: { slug } })).toBe(0);
    expect(await db.team.count({ where: { slug } })).toBe(0);
  });

  it("refuses a duplicate domain slug and a duplicate team slug in one domain", async () => {
    const { domain, team } = await createDomainWithTeam(admin);
    const domainError = await expectMeshworkError(createDomain(admin, { slug: domain.slug, name: "Again" }), "conflict");
    expect(domainError.details).toEqual([{ path: "slug", message: "already taken" }]);
    const teamError = await expectMeshworkError(createTeam(admin, { domain: domain.slug, slug: team.slug, name: "Again" }), "conflict");
    expect(teamError.details).toEqual([{ path: "slug", message: "already taken" }]);
    expect(await db.domain.count({ where: { slug: domain.slug } })).toBe(1);

    // The same team slug is fine in another domain.
    const other = await createDomain(admin, { slug: unique("other"), name: "Other" });
    expect((await createTeam(admin, { domain: other.slug, slug: team.slug, name: "Same slug" })).domainId).toBe(other.id);
  });

  it("names the bad fields", async () => {
    const domainError = await expectMeshworkError(createDomain(admin, { slug: "Bad Slug", name: "x" }), "validation_failed");
    expect(domainError.details.map((d) => d.path).sort()).toEqual(["name", "slug"]);
    const teamError = await expectMeshworkError(createTeam(admin, { domain: unique("missing"), slug: "team", name: "Team" }), "validation_failed");
    expect(teamError.details).toEqual([{ path: "domain", message: "unknown domain" }]);
  });
});

describe("team owners manage their members", () => {
  it("lets an owner add and promote members of their own team", async () => {
    const { team, owner } = await createOwnedTeam(admin);
    const newcomer = await createUser();
    await setTeamMember(owner, team.id, { email: newcomer.email.toUpperCase(), role: "member" });
    expect((await reload(newcomer)).memberships).toEqual([expect.objectContaining({ teamId: team.id, role: "member" })]);

    await setTeamMember(owner, team.id, { email: newcomer.email, role: "owner" });
    expect((await reload(newcomer)).memberships).toEqual([expect.objectContaining({ teamId: team.id, role: "owner" })]);
    const audit = await db.auditEvent.findMany({ where: { entityId: team.id, action: "team.member.set", actorId: owner.id }, orderBy: { id: "asc" } });
    expect(audit.map((e) => [e.before, e.after])).toEqual([
      [null, { email: newcomer.email, role: "member" }],
      [{ email: newcomer.email, role: "member" }, { email: newcomer.email, role: "owner" }],
    ]);
  });

  it("refuses owners of other teams and plain members", async () => {
    const { team, member } = await createOwnedTeam(admin);
    const { owner: otherOwner } = await createOwnedTeam(admin);
    const newcomer = await createUser();
    for (const refused of [otherOwner, member]) {
      await expectMeshworkError(setTeamMember(refused, team.id, { email: newcomer.email, role: "member" }), "forbidden");
      await expectMeshworkError(removeTeamMember(refused, team.id, member.id), "forbidden");
    }
    expect((await reload(newcomer)).memberships).toEqual([]);
    expect((await reload(member)).memberships.map((m) => m.teamId)).toEqual([team.id]);
  });

  it("refuses an unknown e-mail, naming the field", async () => {
    const { team, owner } = await createOwnedTeam(admin);
    const before = await db.teamMembership.count({ where: { teamId: team.id } });
    const unknown = await expectMeshworkError(setTeamMember(owner, team.id, { email: `${unique("nobody")}@meshwork.test`, role: "member" }), "validation_failed");
    expect(unknown.details).toEqual([{ path: "email", message: "nobody with this e-mail has signed in yet" }]);
    const malformed = await expectMeshworkError(setTeamMember(owner, team.id, { email: "not-an-email", role: "boss" }), "validation_failed");
    expect(malformed.details.map((d) => d.path).sort()).toEqual(["email", "role"]);
    expect(await db.teamMembership.count({ where: { teamId: team.id } })).toBe(before);
  });

  it("reports an unknown or malformed team as not found", async () => {
    const someone = await createUser();
    await expectMeshworkError(setTeamMember(admin, "not-a-uuid", { email: someone.email, role: "member" }), "not_found");
    await expectMeshworkError(setTeamMember(admin, "00000000-0000-4000-8000-000000000000", { email: someone.email, role: "member" }), "not_found");
    await expectMeshworkError(removeTeamMember(admin, "not-a-uuid", someone.id), "not_found");
  });

  it("lets an owner remove a member, who then loses access to the team's drafts", async () => {
    const { team, owner, member } = await createOwnedTeam(admin);
    const draft = await registerProduct(owner);
    expect((await getDataProduct(member, draft.id)).status).toBe("draft");

    await removeTeamMember(owner, team.id, member.id);
    const removed = await reload(member);
    expect(removed.memberships).toEqual([]);
    await expectMeshworkError(getDataProduct(removed, draft.id), "not_found");
    await expectMeshworkError(removeTeamMember(owner, team.id, member.id), "not_found");
  });

  it("lets an admin add anyone to any team", async () => {
    const { team } = await createDomainWithTeam(admin);
    const person = await addMember(admin, team.id, await createUser(), "owner");
    expect(person.memberships).toEqual([expect.objectContaining({ teamId: team.id, role: "owner" })]);
  });
});
