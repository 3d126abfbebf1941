import type { TeamRole, UserRole } from "@/lib/generated/prisma/enums";

export type Membership = { teamId: string; teamSlug: string; teamName: string; domainId: string; domainSlug: string; role: TeamRole };

/** Who is calling: a signed-in user (session cookie) or a user's API token. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  memberships: Membership[];
  /** The service identity (lib/auth/service-identity.ts): sees every product, is no person. */
  service?: boolean;
};
