import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";

/** The stewards' contract inbox: new major contract versions waiting for approval, but not their own (four eyes). */
export async function listPendingApprovals(actor: Actor) {
  requireSteward(actor, "see contract approvals");
  return db.contractVersion.findMany({
    where: { status: "pending_approval", OR: [{ createdById: null }, { createdById: { not: actor.id } }] },
    orderBy: { createdAt: "asc" },
    select: { id: true, version: true, createdAt: true, changes: true, port: { select: { name: true, location: true, dataProduct: { select: { urn: true, name: true, slug: true, domain: { select: { slug: true } } } } } } },
  });
}
