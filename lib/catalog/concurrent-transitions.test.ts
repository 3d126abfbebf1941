import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { setPortCompatibility } from "@/lib/contracts/set-port-compatibility";
import { MeshworkError } from "@/lib/errors";
import { setCompatibilityLevel } from "@/lib/registry/set-compatibility-level";
import { removeTeamMember } from "@/lib/org/remove-team-member";
import { setTeamMember } from "@/lib/org/set-team-member";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { addMember, createOwnedTeam, createUser, registerProduct } from "@/lib/testing/fixtures";
import { changeProductStatus } from "./change-product-status";

// Issue 7, item 8: 20 identical changes at once make one transition (one audit event); the rest get a 4xx, never a 500.

const N = 20;
let admin: Actor;

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
});

type Outcome = { ok: number; codes: Record<string, number>; other: unknown[] };

async function race(attempt: () => Promise<unknown>): Promise<Outcome> {
  const settled = await Promise.allSettled(Array.from({ length: N }, attempt));
  const outcome: Outcome = { ok: 0, codes: {}, other: [] };
  for (const result of settled) {
    if (result.status === "fulfilled") outcome.ok++;
    else if (result.reason instanceof MeshworkError) outcome.codes[result.reason.code] = (outcome.codes[result.reason.code] ?? 0) + 1;
    else outcome.other.push(String(result.reason));
  }
  return outcome;
}

const auditCount = (action: string, entityId: string) => db.auditEvent.count({ where: { action, entityId } });

describe("20 identical changes at once", () => {
  it("publish a product once: 1 success, 19 conflicts, 1 audit event", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const outcome = await race(() => changeProductStatus(owner, product.id, { status: "published" }));
    expect(outcome).toEqual({ ok: 1, codes: { conflict: N - 1 }, other: [] });
    expect(await auditCount("product.publish", product.id)).toBe(1);
  });

  it("deprecate a product once", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    await changeProductStatus(owner, product.id, { status: "published" });
    const outcome = await race(() => changeProductStatus(owner, product.id, { status: "deprecated", reason: "Replaced by v2", sunsetDate: "2999-01-01" }));
    expect(outcome).toEqual({ ok: 1, codes: { conflict: N - 1 }, other: [] });
    expect(await auditCount("product.deprecate", product.id)).toBe(1);
  });

  it("set a port's compatibility once", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
    const outcome = await race(() => setPortCompatibility(owner, port.id, { mode: "FULL" }));
    // Whoever reads the mode after the winner committed finds it already FULL: no change, no event, no error.
    expect(outcome.other).toEqual([]);
    expect(outcome.ok + (outcome.codes.conflict ?? 0)).toBe(N);
    expect(await auditCount("port.compatibility", port.id)).toBe(1);
  });

  it("set a port subject's registry level once: every PUT /config/{subject} succeeds, as Confluent's do, with one audit event", async () => {
    const { owner } = await createOwnedTeam(admin);
    const product = await registerProduct(owner);
    const port = await db.port.findFirstOrThrow({ where: { dataProductId: product.id, name: "events" } });
    const outcome = await race(() => setCompatibilityLevel(owner, `${port.location}-value`, { compatibility: "FULL" }));
    expect(outcome).toEqual({ ok: N, codes: {}, other: [] });
    expect(await auditCount("registry.config", port.id)).toBe(1);
  });

  it("set the level of a subject of no port once: every PUT succeeds, one audit event per real change", async () => {
    const subject = `ownerless-${Date.now()}-${Math.random().toString(36).slice(2)}-value`;
    const outcome = await race(() => setCompatibilityLevel(admin, subject, { compatibility: "FULL" }));
    expect(outcome).toEqual({ ok: N, codes: {}, other: [] });
    expect(await auditCount("registry.config", subject)).toBe(1);
    const again = await race(() => setCompatibilityLevel(admin, subject, { compatibility: "NONE" }));
    expect(again).toEqual({ ok: N, codes: {}, other: [] });
    expect(await auditCount("registry.config", subject)).toBe(2);
  });

  it("revoke a token once: one audit event, no 500", async () => {
    const user = await createUser();
    const token = await createApiToken(user, { name: "raced" });
    const outcome = await race(() => revokeApiToken(user, token.id));
    expect(outcome.other).toEqual([]);
    expect(await auditCount("token.revoke", token.id)).toBe(1);
  });

  it("remove a team member once: 1 success, 19 not found, 1 audit event", async () => {
    const { team } = await createOwnedTeam(admin);
    const member = await addMember(admin, team.id, await createUser());
    const before = await db.auditEvent.count({ where: { action: "team.member.remove", entityId: team.id } });
    const outcome = await race(() => removeTeamMember(admin, team.id, member.id));
    expect(outcome).toEqual({ ok: 1, codes: { not_found: N - 1 }, other: [] });
    expect((await db.auditEvent.count({ where: { action: "team.member.remove", entityId: team.id } })) - before).toBe(1);
  });

  it("add a team member once: one membership, one audit event, no 500", async () => {
    const { team } = await createOwnedTeam(admin);
    const user = await createUser();
    const before = await db.auditEvent.count({ where: { action: "team.member.set", entityId: team.id } });
    const outcome = await race(() => setTeamMember(admin, team.id, { email: user.email, role: "member" }));
    expect(outcome.other).toEqual([]);
    expect(outcome.ok).toBe(N);
    expect(await db.teamMembership.count({ where: { teamId: team.id, userId: user.id } })).toBe(1);
    expect((await db.auditEvent.count({ where: { action: "team.member.set", entityId: team.id } })) - before).toBe(1);
  });
});
