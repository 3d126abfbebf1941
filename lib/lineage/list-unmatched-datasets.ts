import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { lineageNamingFromEnv, portLocationOf, type LineageNaming } from "./dataset-naming";

const LIMIT = 500;

/**
 * Datasets seen in OpenLineage events that name no Meshwork port — data nobody registered (the zombie copies the
 * design warns about) — with the jobs that read and write them, for stewards. Before listing, each is matched again,
 * so one whose port was registered since (or that a new alias now covers) leaves the list.
 */
export async function listUnmatchedDatasets(actor: Actor, { naming = lineageNamingFromEnv() }: { naming?: LineageNaming } = {}) {
  requireSteward(actor, "list the datasets seen in lineage but not in the catalog");
  return db.$transaction(async (tx) => {
    const unmatched = await tx.lineageDataset.findMany({ where: { portId: null }, select: { id: true, namespace: true, name: true } });
    for (const d of unmatched) {
      const location = portLocationOf(d.namespace, d.name, naming);
      if (!location) continue;
      const [port] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM port WHERE direction = 'output' AND type = ${location.type}::"PortType" AND location IS NOT NULL AND lower(location) = lower(${location.location})`;
      if (port) await tx.lineageDataset.update({ where: { id: d.id }, data: { portId: port.id } });
    }
    const where = { portId: null };
    const [total, rows] = await Promise.all([
      tx.lineageDataset.count({ where }),
      tx.lineageDataset.findMany({
        where,
        orderBy: [{ lastSeenAt: "desc" }, { namespace: "asc" }, { name: "asc" }],
        take: LIMIT,
        select: { id: true, namespace: true, name: true, firstSeenAt: true, lastSeenAt: true, facets: true, jobs: { select: { direction: true, job: { select: { namespace: true, name: true, lastRunState: true, lastEventTime: true } } } } },
      }),
    ]);
    return {
      total,
      datasets: rows.map((d) => ({
        id: d.id,
        namespace: d.namespace,
        name: d.name,
        firstSeenAt: d.firstSeenAt,
        lastSeenAt: d.lastSeenAt,
        fields: ((d.facets as { schema?: { fields?: { name?: unknown }[] } }).schema?.fields ?? []).map((f) => String(f.name ?? "")).filter(Boolean).slice(0, 50),
        writtenBy: d.jobs.filter((j) => j.direction === "output").map((j) => j.job),
        readBy: d.jobs.filter((j) => j.direction === "input").map((j) => j.job),
      })),
    };
  });
}

export type UnmatchedDatasets = Awaited<ReturnType<typeof listUnmatchedDatasets>>;
