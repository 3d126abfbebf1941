import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin, ownerOfTeam } from "@/lib/auth/permissions";
import { visibleProductWhere } from "@/lib/auth/visible-products-sql";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications/notify";
import { isUuid, parseInput } from "@/lib/validation";

export const RESOLUTION_REASONS = ["false_positive", "fixed_upstream", "accepted"] as const;

export const IncidentQuery = z.object({
  state: z.enum(["open", "resolved", "all"]).default("open"),
  team: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ResolveIncident = z.object({
  reason: z.enum(RESOLUTION_REASONS),
  note: z.string().trim().max(2000).optional(),
});

const include = {
  team: { select: { id: true, name: true, slug: true } },
  resolvedBy: { select: { id: true, name: true } },
  port: { select: { id: true, name: true, type: true, dataProduct: { select: { id: true, urn: true, name: true, slug: true, teamId: true, status: true, domain: { select: { slug: true, name: true } } } } } },
} satisfies Prisma.QualityIncidentInclude;

type Row = Prisma.QualityIncidentGetPayload<{ include: typeof include }>;

function view(actor: Actor, i: Row) {
  const product = i.port.dataProduct;
  const at = now();
  return {
    id: i.id,
    state: i.state,
    check: { key: i.checkKey, name: i.checkName },
    product: { id: product.id, urn: product.urn, name: product.name, href: `/products/${product.domain.slug}/${product.slug}`, domain: product.domain.name },
    port: { id: i.port.id, name: i.port.name, type: i.port.type },
    team: i.team,
    openedAt: i.openedAt,
    openForSeconds: Math.max(0, Math.round(((i.resolvedAt ?? at).getTime() - i.openedAt.getTime()) / 1000)),
    lastFailedAt: i.lastFailedAt,
    failedRuns: i.failedRuns,
    lastMeasured: i.lastMeasured,
    threshold: i.threshold,
    resolvedAt: i.resolvedAt,
    resolution: i.resolution,
    resolutionNote: i.resolutionNote,
    resolvedBy: i.resolvedBy,
    canResolve: i.state === "open" && (isAdmin(actor) || ownerOfTeam(actor, product.teamId)),
  };
}

/** Incidents across the mesh, on products the caller may see; open ones by default, oldest first. */
export async function listIncidents(actor: Actor, query: unknown = {}) {
  const q = parseInput(IncidentQuery, query, "Incident query");
  const where: Prisma.QualityIncidentWhereInput = {
    ...(q.state === "all" ? {} : { state: q.state }),
    ...(q.team ? { teamId: q.team } : {}),
    port: { dataProduct: visibleProductWhere(actor) },
  };
  const [rows, total] = await Promise.all([
    db.qualityIncident.findMany({ where, include, orderBy: q.state === "resolved" ? { resolvedAt: "desc" } : { openedAt: "asc" }, take: q.limit }),
    db.qualityIncident.count({ where }),
  ]);
  return { total, items: rows.map((r) => view(actor, r)) };
}

/** An owner of the owning team (or an admin) closes an open incident with a reason; the team and the port's subscribers hear of it. */
export async function resolveIncident(actor: Actor, id: string, input: unknown) {
  const change = parseInput(ResolveIncident, input, "Resolution");
  if (!isUuid(id)) throw notFound(`Incident ${id}`);
  return db.$transaction(async (tx) => {
    const incident = await tx.qualityIncident.findUnique({ where: { id }, include });
    const product = incident?.port.dataProduct;
    if (!incident || !product || !(await tx.dataProduct.count({ where: { id: product.id, ...visibleProductWhere(actor) } }))) throw notFound(`Incident ${id}`);
    if (!isAdmin(actor) && !ownerOfTeam(actor, product.teamId)) throw forbidden("Only owners of the owning team can resolve its incidents.");
    const resolvedAt = now();
    // Conditional on it still being open: of two resolutions at once (or the worker's), one wins.
    const { count } = await tx.qualityIncident.updateMany({ where: { id, state: "open" }, data: { state: "resolved", resolution: change.reason, resolutionNote: change.note ?? null, resolvedAt, resolvedById: actor.service ? null : actor.id } });
    if (count === 0) throw conflict("This incident is already resolved.");
    await recordAuditEvent(tx, actor, { action: "incident.resolved", entityType: "quality_incident", entityId: id, summary: `Resolved the incident on ${product.name} · ${incident.port.name}: ${incident.checkName} (${change.reason.replace(/_/g, " ")})`, after: change });
    const subscribers = await tx.subscription.findMany({ where: { portId: incident.portId, state: "active" }, select: { consumerTeamId: true } });
    await notify(tx, {
      kind: "incident.resolved",
      title: `Quality incident resolved: ${product.name} · ${incident.port.name}: ${incident.checkName} (${change.reason.replace(/_/g, " ")})`,
      ...(change.note ? { body: change.note } : {}),
      link: `/products/${product.domain.slug}/${product.slug}#quality`,
      data: { incidentId: id, portId: incident.portId, product: product.urn, check: incident.checkKey, resolution: change.reason },
      recipients: { teamIds: [...new Set([product.teamId, ...subscribers.map((s) => s.consumerTeamId)])] },
    });
    return view(actor, (await tx.qualityIncident.findUniqueOrThrow({ where: { id }, include }))!);
  });
}
