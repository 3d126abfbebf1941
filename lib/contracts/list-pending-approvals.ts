import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";

/** The stewards' inbox: new major contract versions waiting for approval. */
export async function listPendingApprovals(actor: Actor) {
  requireSteward(actor, "see contract approvals");
  return db.contractVersion.findMany({
    where: { status: "pending_approval" },
    orderBy: { createdAt: "asc" },
    select: { id: true, version: true, createdAt: true, changes: true, port: { select: { name: true, location: true, dataProduct: { select: { urn: true, name: true, slug: true, domain: { select: { slug: true } } } } } } },
  });
}
