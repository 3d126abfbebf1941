import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { conflict, notFound } from "@/lib/errors";
import { isUuid, parseInput } from "@/lib/validation";
import { DomainChangeInput as DomainChange, TeamChangeInput as TeamChange } from "./org-input";

// Admins rename and describe domains and teams, and delete the ones nothing depends on any more. The slug (the
// URL and URN part) stays: products' URNs are stable. Every change is audited.


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A foreign key that a concurrent insert made true after our checks (a product registered meanwhile). */
const isForeignKeyViolation = (error: unknown) => typeof error === "object" && error !== null && ["P2003", "P2014"].includes((error as { code?: string }).code ?? "");

export async function updateDomain(actor: Actor, slug: string, input: unknown) {
  requireAdmin(actor, "change domains");
  const change = parseInput(DomainChange, input, "Domain");
  return db.$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { slug } });
    if (!before) throw notFound(`Domain ${slug}`);
    const domain = await tx.domain.update({ where: { id: before.id }, data: change });
    await recordAuditEvent(tx, actor, { action: "domain.update", entityType: "domain", entityId: domain.id, summary: `Changed domain ${domain.name}`, before: { name: before.name, description: before.description }, after: change });
    return domain;
  });
}

/** Refused, with the reason, while the domain still has products or teams. */
export async function deleteDomain(actor: Actor, slug: string) {
  requireAdmin(actor, "delete domains");
  try {
    return await db.$transaction(async (tx) => {
      const domain = await tx.domain.findUnique({ where: { slug }, include: { _count: { select: { products: true, teams: true } } } });
      if (!domain) throw notFound(`Domain ${slug}`);
      const { products, teams } = domain._count;
      if (products > 0) throw conflict(`${domain.name} still has ${plural(products, "data product")}: retire and move or remove them before deleting the domain.`, [{ path: "products", message: `${plural(products, "product")} remain` }]);
      if (teams > 0) throw conflict(`${domain.name} still has ${plural(teams, "team")}: delete them first.`, [{ path: "teams", message: `${plural(teams, "team")} remain` }]);
      await tx.domain.delete({ where: { id: domain.id } });
      await recordAuditEvent(tx, actor, { action: "domain.delete", entityType: "domain", entityId: domain.id, summary: `Deleted domain ${domain.name}`, before: { slug: domain.slug, name: domain.name } });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict(`Domain ${slug} gained a team or product while it was being deleted; it was kept.`);
    throw error;
  }
}

export async function updateTeam(actor: Actor, teamId: string, input: unknown) {
  requireAdmin(actor, "change teams");
  const change = parseInput(TeamChange, input, "Team");
  if (!isUuid(teamId)) throw notFound(`Team ${teamId}`);
  return db.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { id: teamId } });
    if (!before) throw notFound(`Team ${teamId}`);
    const team = await tx.team.update({ where: { id: teamId }, data: change });
    await recordAuditEvent(tx, actor, { action: "team.update", entityType: "team", entityId: team.id, summary: `Changed team ${team.name}`, before: { name: before.name, description: before.description, contactEmail: before.contactEmail }, after: change });
    return team;
  });
}

/** Refused, with the reason, while the team owns products or has subscriptions (their history names the team). */
export async function deleteTeam(actor: Actor, teamId: string) {
  requireAdmin(actor, "delete teams");
  if (!isUuid(teamId)) throw notFound(`Team ${teamId}`);
  try {
    return await db.$transaction(async (tx) => {
      const team = await tx.team.findUnique({ where: { id: teamId }, include: { _count: { select: { products: true, subscriptions: true } } } });
      if (!team) throw notFound(`Team ${teamId}`);
      const { products, subscriptions } = team._count;
      if (products > 0) throw conflict(`${team.name} still owns ${plural(products, "data product")}: transfer or remove them before deleting the team.`, [{ path: "products", message: `${plural(products, "product")} remain` }]);
      if (subscriptions > 0) throw conflict(`${team.name} has ${plural(subscriptions, "subscription")} on record; a team that consumed data is kept for the audit trail.`, [{ path: "subscriptions", message: `${plural(subscriptions, "subscription")} on record` }]);
      await tx.teamMembership.deleteMany({ where: { teamId } });
      await tx.team.delete({ where: { id: teamId } });
      await recordAuditEvent(tx, actor, { action: "team.delete", entityType: "team", entityId: team.id, summary: `Deleted team ${team.name}`, before: { slug: team.slug, name: team.name } });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw conflict(`Team ${teamId} gained a product or subscription while it was being deleted; it was kept.`);
    throw error;
  }
}
