import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, isUniqueViolation, validationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { TeamInput } from "./org-input";

export async function createTeam(actor: Actor, input: unknown) {
  requireAdmin(actor, "create teams");
  const { domain: domainSlug, ...data } = parseInput(TeamInput, input, "Team");
  try {
    return await db.$transaction(async (tx) => {
      const domain = await tx.domain.findUnique({ where: { slug: domainSlug } });
      if (!domain) throw validationFailed(`There is no domain "${domainSlug}".`, [{ path: "domain", message: "unknown domain" }]);
      const team = await tx.team.create({ data: { ...data, domainId: domain.id } });
      await recordAuditEvent(tx, actor, { action: "team.create", entityType: "team", entityId: team.id, summary: `Created team ${team.name} in ${domain.name}`, after: { domain: domainSlug, ...data } });
      return team;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Domain ${domainSlug} already has a team "${data.slug}".`, [{ path: "slug", message: "already taken" }]);
    throw error;
  }
}
