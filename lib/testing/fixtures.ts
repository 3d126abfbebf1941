import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { createDomain } from "@/lib/org/create-domain";
import { createTeam } from "@/lib/org/create-team";
import { setTeamMember } from "@/lib/org/set-team-member";
import { createDataProduct } from "@/lib/catalog/create-data-product";
import { MeshworkError, type ErrorCode } from "@/lib/errors";
import type { UserRole, TeamRole } from "@/lib/generated/prisma/enums";

/** A short random suffix so every test's names are its own. */
export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function createUser({ role = "user", name }: { role?: UserRole; name?: string } = {}): Promise<Actor> {
  const handle = unique(role);
  const user = await db.user.create({ data: { email: `${handle}@meshwork.test`, name: name ?? `Test ${handle}`, role } });
  return reload(user);
}

/** Memberships are read when the actor is loaded, so reload after changing them. */
export async function reload(actor: { id: string }): Promise<Actor> {
  const loaded = await loadActor(actor.id);
  if (!loaded) throw new Error(`User ${actor.id} vanished`);
  return loaded;
}

export async function createDomainWithTeam(admin: Actor) {
  const domain = await createDomain(admin, { slug: unique("dom"), name: `Domain ${unique("d")}` });
  const team = await createTeam(admin, { domain: domain.slug, slug: unique("team"), name: `Team ${unique("t")}` });
  return { domain, team };
}

export async function addMember(admin: Actor, teamId: string, actor: Actor, role: TeamRole = "member"): Promise<Actor> {
  await setTeamMember(admin, teamId, { email: actor.email, role });
  return reload(actor);
}

/** A domain with one team whose owner and plain member are fresh users. */
export async function createOwnedTeam(admin: Actor) {
  const { domain, team } = await createDomainWithTeam(admin);
  const owner = await addMember(admin, team.id, await createUser(), "owner");
  const member = await addMember(admin, team.id, await createUser(), "member");
  return { domain, team, owner, member };
}

/** Registers a product for the actor's first team (or the one named in overrides), with one topic port by default. */
export async function registerProduct(actor: Actor, overrides: Record<string, unknown> = {}) {
  const membership = actor.memberships[0];
  const name = unique("Product");
  return createDataProduct(actor, {
    domain: membership?.domainSlug,
    team: membership?.teamSlug,
    name,
    description: `Test product ${name}`,
    outputPorts: [{ name: "events", type: "kafka_topic", topic: `${name.toLowerCase()}.events` }],
    ...overrides,
  });
}

export async function countRows() {
  const [products, ports, auditEvents] = await Promise.all([db.dataProduct.count(), db.port.count(), db.auditEvent.count()]);
  return { products, ports, auditEvents };
}

/** Awaits a promise that must reject with a MeshworkError of the given code, and returns the error. */
export async function expectMeshworkError(promise: Promise<unknown>, code: ErrorCode): Promise<MeshworkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a MeshworkError "${code}"`).toBeInstanceOf(MeshworkError);
  expect((error as MeshworkError).code, (error as MeshworkError).message).toBe(code);
  return error as MeshworkError;
}
