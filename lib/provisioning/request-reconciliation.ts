import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now } from "@/lib/clock";
import { enqueueJob } from "@/lib/jobs/enqueue-job";

/** "Check now" (stewards, admins): the worker reconciles grants at once. A check already waiting is answered instead of a second. */
export async function requestReconciliation(actor: Actor) {
  requireSteward(actor, "ask for a reconciliation of grants");
  return db.$transaction(async (tx) => {
    // One waiting manual check at a time: clicks at once wait for each other here.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72709)`;
    const waiting = await tx.reconciliationRun.findFirst({ where: { trigger: "manual", startedAt: null }, orderBy: { requestedAt: "desc" } });
    if (waiting) return { run: waiting, queued: false };
    const run = await tx.reconciliationRun.create({ data: { trigger: "manual", requestedById: actor.id, requestedAt: now() } });
    await enqueueJob(tx, "reconcile-grants", { runId: run.id }, { jobKey: `reconcile-grants:manual:${run.id}` });
    await recordAuditEvent(tx, actor, { action: "reconciliation.request", entityType: "reconciliation_run", entityId: run.id, summary: `${actor.name} asks the worker to check every grant now` });
    return { run, queued: true };
  });
}

/** The last reconciliation runs and the repairs they made, for stewards and admins. */
export async function getReconciliation(actor: Actor) {
  requireSteward(actor, "see the reconciliation of grants");
  const [runs, repairs] = await Promise.all([
    db.reconciliationRun.findMany({ orderBy: { requestedAt: "desc" }, take: 10, select: { id: true, trigger: true, requestedAt: true, startedAt: true, finishedAt: true, checked: true, repairs: true, error: true, requestedBy: { select: { name: true } } } }),
    db.auditEvent.findMany({ where: { action: "grant.repair" }, orderBy: [{ at: "desc" }, { id: "desc" }], take: 50, select: { id: true, at: true, summary: true, after: true } }),
  ]);
  return {
    runs,
    repairs: repairs.map((event) => {
      const after = (event.after ?? {}) as { repair?: string; principal?: string; target?: string; runId?: string };
      return { id: String(event.id), at: event.at, repair: after.repair ?? "repaired", principal: after.principal ?? null, target: after.target ?? null, runId: after.runId ?? null, summary: event.summary };
    }),
  };
}
