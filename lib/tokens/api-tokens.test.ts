import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, expectMeshworkError } from "@/lib/testing/fixtures";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";
import { userIdForToken } from "./user-id-for-token";

describe("a user creates an API token for their CI", () => {
  it("returns the token once and stores only its sha256 hash", async () => {
    const user = await createUser();
    const created = await createApiToken(user, { name: "  producer CI  ", expiresInDays: 30 });
    expect(created.token).toMatch(/^mw_[A-Za-z0-9_-]{32}$/);
    expect(created.name).toBe("producer CI");
    expect(created.prefix).toBe(created.token.slice(0, 10));
    expect(created.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).not.toBe(created.token);
    expect(row.tokenHash).not.toContain(created.token.slice(3));
    expect(row.tokenHash).toBe(createHash("sha256").update(created.token).digest("hex"));
    // The default query never hands the hash out.
    expect(Object.keys(await db.apiToken.findUniqueOrThrow({ where: { id: created.id } }))).not.toContain("tokenHash");

    const listed = await listApiTokens(user);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "producer CI", prefix: created.prefix, revokedAt: null })]);
    expect(listed[0]).not.toHaveProperty("token");
    expect(listed[0]).not.toHaveProperty("tokenHash");

    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: created.id } });
    expect(audit).toMatchObject({ action: "token.create", actorId: user.id, after: { name: "producer CI", prefix: created.prefix } });
    expect(JSON.stringify([audit.summary, audit.before, audit.after])).not.toContain(created.token);
  });

  it("refuses a token without a name", async () => {
    const user = await createUser();
    const error = await expectMeshworkError(createApiToken(user, { name: "   ", expiresInDays: 0 }), "validation_failed");
    expect(error.details.map((d) => d.path).sort()).toEqual(["expiresInDays", "name"]);
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("a machine authenticates with the token", () => {
  it("resolves a live token to its user and records when it was used", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user, { name: "ci" });
    expect(await userIdForToken(token)).toBe(user.id);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeInstanceOf(Date);
  });

  it("stops resolving after the owner revokes it", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user, { name: "ci" });
    await revokeApiToken(user, id);
    expect(await userIdForToken(token)).toBeNull();
    expect((await listApiTokens(user))[0].revokedAt).toBeInstanceOf(Date);
    // Revoking twice is harmless and audited once.
    await revokeApiToken(user, id);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "token.revoke" } })).toBe(1);
  });

  it("does not resolve an expired or unknown token", async () => {
    const user = await createUser();
    const { id, token } = await createApiToken(user, { name: "ci", expiresInDays: 1 });
    await db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await userIdForToken(token)).toBeNull();
    expect(await userIdForToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await userIdForToken("mw_unknown")).toBeNull();
    expect(await userIdForToken(token.slice(3))).toBeNull();
    expect(await userIdForToken("")).toBeNull();
  });
});

describe("revoking a token", () => {
  it("cannot touch another user's token", async () => {
    const alice = await createUser();
    const mallory = await createUser({ role: "admin" });
    const { id, token } = await createApiToken(alice, { name: "alice's" });
    await expectMeshworkError(revokeApiToken(mallory, id), "not_found");
    expect(await userIdForToken(token)).toBe(alice.id);
    expect(await db.auditEvent.count({ where: { entityId: id, action: "token.revoke" } })).toBe(0);
  });

  it("reports a malformed or unknown id as not found", async () => {
    const user = await createUser();
    for (const bad of ["not-a-uuid", "'; DROP TABLE api_token; --", "", "00000000-0000-4000-8000-000000000000"]) {
      const error = await expectMeshworkError(revokeApiToken(user, bad), "not_found");
      expect(error.status).toBe(404);
    }
  });
});
