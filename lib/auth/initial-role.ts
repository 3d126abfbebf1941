import { env } from "@/lib/env";
import type { UserRole } from "@/lib/generated/prisma/enums";

const adminEmails = new Set(
  env.MESHWORK_ADMIN_EMAILS.split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean),
);

/** The role of an account created at its first single sign-on: admin for the verified addresses MESHWORK_ADMIN_EMAILS names. */
export function initialRoleFor({ email, emailVerified }: { email: string; emailVerified: boolean }): UserRole {
  return emailVerified && adminEmails.has(email.trim().toLowerCase()) ? "admin" : "user";
}
