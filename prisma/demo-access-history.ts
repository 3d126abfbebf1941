// A few weeks of access requests for the demo mesh, so the governance view's time-to-access has something to show on
// first start: requests spread over the last four weeks, decided by the demo's owners and steward after realistic
// waits, their grants applied, most table access ended again after the analysis it was for, some requests rejected,
// a few still waiting. Written as the rows and audit events the real flow leaves (with Meshwork's clock set to each
// moment), not through the live flow: history must not leave grants for the worker to apply now.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { now, resetClock, setClock } from "@/lib/clock";
import { teamKafkaPrincipal, teamPostgresRole } from "@/lib/provisioning/team-principals";
import { DEMO_USERS } from "@/lib/demo/demo-users";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Who asks: consumer teams with a demo requester (the analysts' teams first), and what they ask it for.
const CONSUMERS = [
  { team: "insights/business-intelligence", requester: "analyst@meshwork.dev" },
  { team: "insights/data-science", requester: "lena@meshwork.dev" },
  { team: "customers/customer-intelligence", requester: "diego@meshwork.dev" },
  { team: "marketing/growth-marketing", requester: "maya@meshwork.dev" },
  { team: "finance/finance-data", requester: "felix@meshwork.dev" },
];
const PURPOSES = [
  "Weekly KPI dashboard for the leadership meeting",
  "Demand forecast model features",
  "Quarterly business review figures",
  "Churn model retraining",
  "Ad-hoc analysis of last month's returns",
  "Campaign attribution report",
  "Reconciliation of revenue against orders",
  "Experiment analysis for the new checkout",
];
// How long each providing domain's owners usually take to decide, in hours (the governance view should show a spread).
const OWNER_HOURS: Record<string, number> = { orders: 3, payments: 18, inventory: 6, shipping: 4, customers: 26, marketing: 8, "web-analytics": 5, merchandising: 2, finance: 14 };

/** A small deterministic generator (mulberry32), so every demo start shows the same history. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Port = { id: string; name: string; type: string; location: string | null; selfService: boolean; product: { urn: string; classification: string; containsPersonalData: boolean; teamId: string; teamName: string; domain: string } };
type Outcome = "granted" | "rejected" | "waiting";

export async function seedDemoAccessHistory(): Promise<{ requests: number }> {
  const rand = random(20261202);
  const pick = <T,>(items: T[]) => items[Math.floor(rand() * items.length)];
  const end = now();
  const actors = new Map<string, Actor>();
  const actorOf = async (email: string) => {
    if (!actors.has(email)) {
      const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      actors.set(email, (await loadActor(user.id))!);
    }
    return actors.get(email)!;
  };
  const steward = await actorOf(DEMO_USERS.find((u) => u.role === "steward")!.email);
  const teams = new Map((await db.team.findMany({ select: { id: true, slug: true, name: true, postgresRole: true, kafkaPrincipal: true, domain: { select: { slug: true } } } })).map((t) => [`${t.domain.slug}/${t.slug}`, t]));
  const ports: Port[] = (
    await db.port.findMany({
      where: { direction: "output", dataProduct: { status: "published" } },
      select: { id: true, name: true, type: true, location: true, selfService: true, dataProduct: { select: { urn: true, classification: true, containsPersonalData: true, teamId: true, team: { select: { name: true } }, domain: { select: { slug: true } } } } },
      orderBy: [{ dataProduct: { urn: "asc" } }, { name: "asc" }],
    })
  ).map((p) => ({ ...p, product: { urn: p.dataProduct.urn, classification: p.dataProduct.classification, containsPersonalData: p.dataProduct.containsPersonalData, teamId: p.dataProduct.teamId, teamName: p.dataProduct.team.name, domain: p.dataProduct.domain.slug } }));
  const ownerOf = (teamId: string, requester: string) => {
    const team = [...teams.entries()].find(([, t]) => t.id === teamId)?.[0];
    return DEMO_USERS.find((u) => u.email !== requester && u.teams.some((t) => `${t.domain}/${t.team}` === team && t.role === "owner"))?.email ?? null;
  };
  // One open (waiting or active) subscription per team and port, as the real flow allows.
  const open = new Set<string>();

  const plan: { at: Date; outcome: Outcome }[] = [];
  for (let day = 27; day >= 1; day--) {
    for (let n = rand() < 0.45 ? 2 : 1; n > 0; n--) plan.push({ at: new Date(end.getTime() - day * DAY + (8 + rand() * 9) * HOUR), outcome: rand() < 0.1 ? "rejected" : "granted" });
  }
  for (const hoursAgo of [130, 75, 30, 6]) plan.push({ at: new Date(end.getTime() - hoursAgo * HOUR), outcome: "waiting" });

  let requests = 0;
  try {
    for (const item of plan) {
      const consumer = pick(CONSUMERS);
      const team = teams.get(consumer.team)!;
      // Recent granted requests are for topics (still in use); table access from earlier was ended again since.
      const recent = item.at.getTime() > end.getTime() - 10 * DAY;
      const candidates = ports.filter(
        (p) => p.product.teamId !== team.id && !open.has(`${p.id}/${team.id}`) && (item.outcome !== "waiting" || !p.selfService || ["confidential", "restricted"].includes(p.product.classification) || p.product.containsPersonalData) && (item.outcome !== "granted" || !recent || p.type !== "table"),
      );
      if (candidates.length === 0) continue;
      const port = pick(candidates);
      const requester = await actorOf(consumer.requester);
      const sensitive = ["confidential", "restricted"].includes(port.product.classification) || port.product.containsPersonalData;
      const ownerEmail = ownerOf(port.product.teamId, consumer.requester);
      // The access policy's rules (lib/subscriptions/access-policy.ts): sensitive → owner then steward; public or
      // internal on a self-service port → approved at once; otherwise the owning team.
      const steps: { kind: "owner" | "steward"; reason: string; decider: Actor; hours: number }[] =
        !sensitive && port.selfService
          ? []
          : [
              { kind: "owner", reason: `${port.product.teamName} owns ${port.product.urn}`, decider: ownerEmail ? await actorOf(ownerEmail) : steward, hours: (OWNER_HOURS[port.product.domain] ?? 6) * (0.3 + rand() * 1.6) },
              ...(sensitive ? [{ kind: "steward" as const, reason: `${port.product.urn} is ${port.product.classification}`, decider: steward, hours: 4 + rand() * 30 }] : []),
            ];
      const where = `${port.product.urn}:${port.name}`;
      // Waiting requests stop before their last step, and so does any whose next decision would fall after now.
      const stopAt = item.outcome === "waiting" ? Math.floor(rand() * steps.length) : steps.length;
      const decisions: Date[] = [];
      for (const step of steps.slice(0, stopAt)) {
        const next = new Date((decisions.at(-1) ?? item.at).getTime() + step.hours * HOUR);
        if (next.getTime() > end.getTime() - 10 * 60_000) break;
        decisions.push(next);
      }
      const decided = decisions.length;
      const outcome: Outcome = decided < steps.length ? "waiting" : item.outcome;
      let at = item.at;
      const clock = (time: Date) => setClock(time);

      await db.$transaction(async (tx) => {
        clock(at);
        const purpose = pick(PURPOSES);
        const subscription = await tx.subscription.create({ data: { portId: port.id, consumerTeamId: team.id, requesterId: requester.id, purpose, durationDays: port.type === "table" ? 30 : null, createdAt: at }, select: { id: true } });
        await recordAuditEvent(tx, requester, { action: "subscription.request", entityType: "subscription", entityId: subscription.id, summary: `${requester.name} requests access to ${where} for ${team.name}: ${purpose}`, after: { portId: port.id, consumerTeamId: team.id, purpose, chain: steps.map((s) => ({ kind: s.kind, reason: s.reason })) } });
        const request = await tx.approvalRequest.create({
          data: { subject: "subscription", subjectId: subscription.id, requesterId: requester.id, rationale: steps.length === 0 ? `Approved at once: ${port.product.urn} is ${port.product.classification} and ${port.name} is self-service.` : sensitive ? "Sensitive data: the owning team, then a governance steward." : "The owning team decides.", createdAt: at, state: "pending" },
          select: { id: true },
        });
        const rejectAt = outcome === "rejected" ? Math.max(0, steps.length - 1) : -1;
        for (const [position, step] of steps.entries()) {
          const decidedHere = position < decided;
          const decidedAt = decidedHere ? decisions[position] : null;
          const rejected = position === rejectAt;
          await tx.approvalStep.create({
            data: { requestId: request.id, position, kind: step.kind, teamId: step.kind === "owner" ? port.product.teamId : null, reason: step.reason, state: decidedHere ? (rejected ? "rejected" : "approved") : position === decided ? "pending" : "waiting", decidedById: decidedHere ? step.decider.id : null, decidedAt, comment: rejected ? "Please use the aggregated product instead: this one carries more detail than the purpose needs." : null },
          });
          if (!decidedAt) break;
          at = decidedAt;
          clock(at);
          await recordAuditEvent(tx, step.decider, { action: `approval.${rejected ? "reject" : "approve"}`, entityType: "approval_request", entityId: request.id, summary: `${step.decider.name} ${rejected ? "rejected" : "approved"} the ${step.kind} step of the request for ${where}`, after: { position, state: rejected ? "rejected" : "approved" } });
          if (rejected) break;
        }
        if (outcome === "waiting") {
          open.add(`${port.id}/${team.id}`);
          return;
        }
        const approved = outcome === "granted" || steps.length === 0;
        await tx.approvalRequest.update({ where: { id: request.id }, data: { state: approved ? "approved" : "rejected", decidedAt: at } });
        if (!approved) {
          const reason = "Please use the aggregated product instead: this one carries more detail than the purpose needs.";
          await tx.subscription.update({ where: { id: subscription.id }, data: { state: "rejected", reason, endedAt: at } });
          await recordAuditEvent(tx, steps.at(-1)!.decider, { action: "subscription.reject", entityType: "subscription", entityId: subscription.id, summary: `${team.name}'s access to ${where} is rejected: ${reason}`, before: { state: "pending_approval" }, after: { state: "rejected", reason } });
          return;
        }
        const endsAt = port.type === "table" ? new Date(at.getTime() + 30 * DAY) : null;
        await recordAuditEvent(tx, steps.at(-1)?.decider ?? requester, { action: "subscription.approve", entityType: "subscription", entityId: subscription.id, summary: `${team.name}'s access to ${where} is approved${endsAt ? ` until ${endsAt.toISOString()}` : " with no end"}`, before: { state: "pending_approval" }, after: { state: "provisioning", approvedAt: at, endsAt, approvalRequestId: request.id } });
        const approvedAt = at;
        // A table grant is applied by the worker within minutes; a topic's ACL is not supported by the demo's cluster.
        const table = port.type === "table";
        if (table) at = new Date(at.getTime() + (0.5 + rand() * 6) * 60_000);
        clock(at);
        const grant = await tx.accessGrant.create({
          data: table
            ? { subscriptionId: subscription.id, kind: "postgres_select", principal: teamPostgresRole(team), target: port.location ?? "", state: "applied", attempts: 1, appliedAt: at, createdAt: approvedAt }
            : { subscriptionId: subscription.id, kind: "kafka_acl", principal: teamKafkaPrincipal(team), target: port.location ?? "", state: "not_supported", lastError: "The demo's Kafka cluster does not support ACLs.", createdAt: approvedAt },
        });
        if (table) await recordAuditEvent(tx, null, { action: "grant.apply", entityType: "access_grant", entityId: grant.id, summary: `Granted SELECT on ${grant.target} to ${grant.principal}: granted SELECT`, before: { state: "pending" }, after: { state: "applied" } });
        await recordAuditEvent(tx, null, { action: "subscription.activate", entityType: "subscription", entityId: subscription.id, summary: `Subscription ${subscription.id} to ${where} is active`, before: { state: "provisioning" }, after: { state: "active" } });
        if (table) {
          // Table access was for an analysis: its team ended it some days later (requests for tables are older than 10 days).
          const endedAt = new Date(Math.min(at.getTime() + (2 + rand() * 6) * DAY, end.getTime() - HOUR));
          clock(endedAt);
          await tx.subscription.update({ where: { id: subscription.id }, data: { state: "ended", approvedAt, activatedAt: at, endsAt, endedAt, reason: "The analysis is done." } });
          await tx.accessGrant.update({ where: { id: grant.id }, data: { state: "revoked" } });
          await recordAuditEvent(tx, requester, { action: "subscription.end", entityType: "subscription", entityId: subscription.id, summary: `${team.name} ended its access to ${where}: the analysis is done`, before: { state: "active" }, after: { state: "ended" } });
        } else {
          await tx.subscription.update({ where: { id: subscription.id }, data: { state: "active", approvedAt, activatedAt: at, endsAt } });
          open.add(`${port.id}/${team.id}`);
        }
      });
      requests++;
    }
  } finally {
    resetClock();
  }
  return { requests };
}
