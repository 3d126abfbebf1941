import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { DomainInput } from "./org-input";

export async function createDomain(actor: Actor, input: unknown) {
  requireAdmin(actor, "create domains");
  const data = parseInput(DomainInput, input, "Domain");
  try {
    return await db.$transaction(async (tx) => {
      const domain = await tx.domain.create({ data });
      await recordAuditEvent(tx, actor, { action: "domain.create", entityType: "domain", entityId: domain.id, summary: `Created domain ${domain.name}`, after: data });
      return domain;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A domain "${data.slug}" already exists.`, [{ path: "slug", message: "already taken" }]);
    throw error;
  }
}
