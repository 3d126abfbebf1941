import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unique } from "@/lib/testing/fixtures";
import { hashPassword } from "./passwords";
import { linkSsoIdentity } from "./link-sso-identity";

const ISSUER = "https://idp.example.test";
const OTHER_ISSUER = "https://other-idp.example.test";
const address = () => `${unique("sso")}@example.test`;

describe("single sign-on links identities by issuer and subject", () => {
  it("creates a user on the first sign-in and signs the same user in on the second", async () => {
    const email = address();
    const first = await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email, emailVerified: true, name: "Sam Sso" });
    expect(first).toMatchObject({ ok: true, created: true });
    if (!first.ok) throw new Error("refused");
    const user = await db.user.findUniqueOrThrow({ where: { id: first.userId }, omit: { passwordHash: false } });
    expect(user).toMatchObject({ email, name: "Sam Sso", role: "user", passwordHash: null });

    const identity = await db.userIdentity.findFirstOrThrow({ where: { userId: user.id } });
    const second = await linkSsoIdentity({ issuer: ISSUER, subject: identity.subject, email, emailVerified: true, name: "Sam Sso" });
    expect(second).toEqual({ ok: true, userId: user.id, created: false });
    expect(await db.userIdentity.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: user.id, action: "user.sso_link" } })).toBe(1);
  });

  it("keeps signing a linked identity in when the provider later reports another or an unverified address", async () => {
    const subject = unique("sub");
    const first = await linkSsoIdentity({ issuer: ISSUER, subject, email: address(), emailVerified: true });
    const later = await linkSsoIdentity({ issuer: ISSUER, subject, email: address(), emailVerified: false });
    expect(later).toEqual({ ok: true, userId: first.ok && first.userId, created: false });
  });

  it("tells the same subject at two issuers apart", async () => {
    const subject = unique("sub");
    const a = await linkSsoIdentity({ issuer: ISSUER, subject, email: address(), emailVerified: true });
    const b = await linkSsoIdentity({ issuer: OTHER_ISSUER, subject, email: address(), emailVerified: true });
    expect(a.ok && b.ok && a.userId !== b.userId).toBe(true);
  });

  it("refuses an unverified address that belongs to an existing account, and links nothing", async () => {
    const existing = await db.user.create({ data: { email: address(), name: "Existing", role: "admin" } });
    const result = await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email: existing.email.toUpperCase(), emailVerified: false });
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
    expect(await db.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("never attaches to a password account by e-mail, even when the address is verified", async () => {
    const existing = await db.user.create({ data: { email: address(), name: "Has password", passwordHash: await hashPassword("a-long-password") } });
    const result = await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email: existing.email, emailVerified: true });
    expect(result).toEqual({ ok: false, reason: "password_account" });
    expect(await db.userIdentity.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("attaches a verified address to the single sign-on account that already has it", async () => {
    const email = address();
    const first = await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email, emailVerified: true });
    const other = await linkSsoIdentity({ issuer: OTHER_ISSUER, subject: unique("sub"), email: email.toUpperCase(), emailVerified: true });
    expect(other).toEqual({ ok: true, userId: first.ok && first.userId, created: false });
    expect(await db.userIdentity.count({ where: { userId: first.ok ? first.userId : "" } })).toBe(2);
  });

  it("lets an unverified address in as a new account, which a verified sign-in elsewhere cannot then join", async () => {
    const email = address();
    const squatter = await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email, emailVerified: false });
    expect(squatter).toMatchObject({ ok: true, created: true });
    const owner = await linkSsoIdentity({ issuer: OTHER_ISSUER, subject: unique("sub"), email, emailVerified: true });
    expect(owner).toEqual({ ok: false, reason: "unverified_account" });
  });

  it("links an identity to the signed-in owner of a password account, who then signs in with it", async () => {
    const owner = await db.user.create({ data: { email: address(), name: "Owner", passwordHash: await hashPassword("a-long-password") } });
    const profile = { issuer: ISSUER, subject: unique("sub"), email: owner.email, emailVerified: true };
    expect(await linkSsoIdentity(profile)).toEqual({ ok: false, reason: "password_account" });
    expect(await linkSsoIdentity(profile, undefined, { linkToUserId: owner.id })).toEqual({ ok: true, userId: owner.id, created: false });
    expect(await linkSsoIdentity(profile)).toEqual({ ok: true, userId: owner.id, created: false });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: owner.id, action: "user.sso_link" } });
    expect(audit).toMatchObject({ actorId: owner.id, after: { issuer: ISSUER, subject: profile.subject, linkedBy: "owner" } });
  });

  it("refuses to link an identity that already belongs to someone else", async () => {
    const profile = { issuer: ISSUER, subject: unique("sub"), email: address(), emailVerified: true };
    const first = await linkSsoIdentity(profile);
    const other = await db.user.create({ data: { email: address(), name: "Other" } });
    expect(await linkSsoIdentity(profile, undefined, { linkToUserId: other.id })).toEqual({ ok: false, reason: "identity_taken" });
    expect(await db.userIdentity.count({ where: { userId: other.id } })).toBe(0);
    expect(first.ok).toBe(true);
  });

  it("refuses a profile without an e-mail address", async () => {
    expect(await linkSsoIdentity({ issuer: ISSUER, subject: unique("sub"), email: null, emailVerified: false })).toEqual({ ok: false, reason: "no_email" });
  });

  it("creates one user when the same identity signs in twice at once", async () => {
    const profile = { issuer: ISSUER, subject: unique("sub"), email: address(), emailVerified: true };
    const results = await Promise.all([linkSsoIdentity(profile), linkSsoIdentity(profile), linkSsoIdentity(profile)]);
    const ids = new Set(results.map((r) => (r.ok ? r.userId : r.reason)));
    expect(ids.size).toBe(1);
    expect(await db.user.count({ where: { email: profile.email } })).toBe(1);
  });
});
