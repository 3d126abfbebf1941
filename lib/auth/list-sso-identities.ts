import { db } from "@/lib/db";
import type { Actor } from "./actor";

/** The single sign-on identities linked to the acting user's own account. */
export async function listSsoIdentities(actor: Actor) {
  return db.userIdentity.findMany({
    where: { userId: actor.id },
    select: { id: true, issuer: true, email: true, emailVerified: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}
