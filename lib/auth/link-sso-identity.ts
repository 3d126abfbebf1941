import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/errors";
import type { UserRole } from "@/lib/generated/prisma/enums";

/** What an identity provider tells us about the person signing in. */
export type SsoProfile = {
  /** The provider's issuer (an OIDC `iss`), so the same `sub` at two providers are two identities. */
  issuer: string;
  /** The provider's stable identifier of the person (`sub`). */
  subject: string;
  email?: string | null;
  /** Only `true` when the provider says so (OIDC `email_verified: true`). */
  emailVerified: boolean;
  name?: string | null;
};

/**
 * Why a single sign-on may not sign in:
 * - `no_email`: the provider gave no e-mail address, and the identity is not linked yet;
 * - `email_unverified`: an account has this address, but the provider has not verified that the person owns it;
 * - `password_account`: the account with this address has a password; only its owner or an admin may link an identity to it;
 * - `unverified_account`: the account with this address was itself created from an unverified address, so the address proves nothing;
 * - `identity_taken`: (linking) the identity already belongs to another Meshwork user.
 */
export type SsoRefusal = "no_email" | "email_unverified" | "password_account" | "unverified_account" | "identity_taken";

export type SsoLinkResult = { ok: true; userId: string; created: boolean } | { ok: false; reason: SsoRefusal };

/** The role a new account gets; MESHWORK_ADMIN_EMAILS decides who starts as an admin. */
export type InitialRole = (person: { email: string; emailVerified: boolean }) => UserRole;

/**
 * Resolves a single sign-on to a Meshwork user. A known identity (issuer + subject) signs its user in. A new
 * identity attaches to the account with its e-mail address only when the provider verified the address and the
 * account has no password (and was not itself made from an unverified address); with no such account, it
 * creates a user. Accounts are never matched by e-mail alone.
 */
export type LinkOptions = {
  /**
   * The signed-in user who came back from their provider to link this identity to their own account (Account →
   * Single sign-on): the explicit link a password account needs. The identity then joins that user, whatever its address.
   */
  linkToUserId?: string;
};

export async function linkSsoIdentity(profile: SsoProfile, initialRole: InitialRole = () => "user", options: LinkOptions = {}): Promise<SsoLinkResult> {
  try {
    return await resolve(profile, initialRole, options);
  } catch (error) {
    // Two first sign-ins of the same person at once: the loser of the unique index finds the winner's rows.
    if (isUniqueViolation(error)) return resolve(profile, initialRole, options);
    throw error;
  }
}

async function resolve(profile: SsoProfile, initialRole: InitialRole, { linkToUserId }: LinkOptions): Promise<SsoLinkResult> {
  const { issuer, subject } = profile;
  const linked = await db.userIdentity.findUnique({ where: { issuer_subject: { issuer, subject } }, select: { userId: true } });
  if (linked) {
    if (linkToUserId && linked.userId !== linkToUserId) return { ok: false, reason: "identity_taken" };
    return { ok: true, userId: linked.userId, created: false };
  }
  if (linkToUserId) return linkToOwner(profile, linkToUserId);

  const email = profile.email?.trim().toLowerCase();
  if (!email) return { ok: false, reason: "no_email" };
  const emailVerified = profile.emailVerified === true;

  const existing = await db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
    include: { identities: { select: { emailVerified: true } } },
  });
  if (existing) {
    if (!emailVerified) return { ok: false, reason: "email_unverified" };
    if (existing.passwordHash) return { ok: false, reason: "password_account" };
    if (existing.identities.length > 0 && !existing.identities.some((i) => i.emailVerified)) return { ok: false, reason: "unverified_account" };
  }

  return db.$transaction(async (tx) => {
    const user = existing ?? (await tx.user.create({ data: { email, name: profile.name?.trim() || email, role: initialRole({ email, emailVerified }) } }));
    await tx.userIdentity.create({ data: { issuer, subject, userId: user.id, email, emailVerified } });
    await recordAuditEvent(
      tx,
      { id: user.id, name: user.name, email: user.email, role: user.role, memberships: [] },
      {
        action: "user.sso_link",
        entityType: "user",
        entityId: user.id,
        summary: existing ? `Linked the single sign-on identity ${subject} at ${issuer} to ${email}` : `Created ${email} from the single sign-on identity ${subject} at ${issuer}`,
        after: { issuer, subject, email, emailVerified, createdUser: !existing, role: user.role },
      },
    );
    return { ok: true as const, userId: user.id, created: !existing };
  });
}

/** The explicit link: the signed-in owner of the account proved, by signing in at the provider, that the identity is theirs. */
async function linkToOwner(profile: SsoProfile, userId: string): Promise<SsoLinkResult> {
  const { issuer, subject } = profile;
  const email = profile.email?.trim().toLowerCase() ?? "";
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    await tx.userIdentity.create({ data: { issuer, subject, userId, email, emailVerified: profile.emailVerified === true } });
    await recordAuditEvent(
      tx,
      { id: user.id, name: user.name, email: user.email, role: user.role, memberships: [] },
      {
        action: "user.sso_link",
        entityType: "user",
        entityId: user.id,
        summary: `${user.email} linked their single sign-on identity ${subject} at ${issuer}`,
        after: { issuer, subject, email, emailVerified: profile.emailVerified === true, linkedBy: "owner" },
      },
    );
    return { ok: true as const, userId, created: false };
  });
}
