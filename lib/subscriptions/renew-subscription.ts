import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { memberOfTeam } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createApprovalRequest } from "@/lib/approvals/create-approval-request";
import { now } from "@/lib/clock";
import { conflict, forbidden, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { approvedFactsOf, changesSinceApproval, type ApprovedFacts } from "./access-policy";
import { lockSubscription, type LockedSubscription } from "./end-subscription-access";
import { findSubscriptionOrThrow } from "./get-subscription";
import { planSubscription } from "./preview-subscription";
import { requireOwnPrincipals } from "./request-subscription";
import { onSubscriptionApproved } from "./subscription-approval-handlers";
import { RenewInput } from "./subscription-input";
import { subscriptionView } from "./subscription-view";

const RENEWABLE = ["provisioning", "active", "expired"];

type Renewable = LockedSubscription & { purpose: string; intendedUse: string; durationDays: number | null; policyFacts: ApprovedFacts | null };

/** The subscription to renew, locked, and checked: a member of its consuming team, and still open or merely expired. */
async function renewableOrThrow(tx: Tx, actor: Actor, id: string): Promise<Renewable> {
  const found = await findSubscriptionOrThrow(actor, id, tx);
  if (!memberOfTeam(actor, found.consumerTeamId)) throw forbidden(`Only members of ${found.consumerTeam.name} can renew its subscription.`);
  const locked = (await lockSubscription(tx, found.id))!;
  if (!RENEWABLE.includes(locked.state)) {
    throw conflict(`Subscription ${found.id} is ${locked.state.replace("_", " ")}: only an active or expired subscription is renewed. Request access again instead.`, [{ path: "state", message: locked.state }]);
  }
  const row = await tx.subscription.findUniqueOrThrow({ where: { id: found.id }, select: { purpose: true, intendedUse: true, durationDays: true, policyFacts: true } });
  return { ...locked, ...row, policyFacts: (row.policyFacts as ApprovedFacts | null) ?? null };
}

async function plan(tx: Tx, actor: Actor, old: Renewable, durationDays: number | null | undefined) {
  return planSubscription(tx, actor, {
    port: old.portId,
    consumerTeam: old.consumerTeamId,
    durationDays: durationDays === undefined ? (old.durationDays ?? undefined) : durationDays,
    renewal: { subscriptionId: old.id, approvedOn: old.policyFacts },
  });
}

/** What renewing would ask (GET /api/v1/subscriptions/{id}/renew): the chain, whether it is shortened and why. */
export async function previewRenewal(actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const old = await renewableOrThrow(tx, actor, id);
    const { port, durationDays, chain, facts } = await plan(tx, actor, old, undefined);
    const changes = changesSinceApproval(facts, old.policyFacts);
    return {
      subscriptionId: old.id,
      port: `${port.dataProduct.urn}:${port.name}`,
      purpose: old.purpose,
      durationDays,
      autoApproved: chain.steps.length === 0,
      shortened: chain.shortened === true,
      unchangedSinceApproval: changes.length === 0,
      changes,
      steps: chain.steps.map((step, position) => ({ position, kind: step.kind, team: step.teamId ? { id: port.dataProduct.teamId, name: port.dataProduct.team.name } : null, reason: step.reason })),
      rationale: chain.rationale,
    };
  });
}

/**
 * One-click renewal: a new request for the same port and team through the request/approval path, linked to the
 * subscription it renews (which keeps its access until the renewal is approved; then the new one carries on from the
 * old end date). When nothing changed since the last approval the policy shortens the chain. One renewal may wait per
 * subscription: of two at once, one wins.
 */
export async function renewSubscription(actor: Actor, id: string, input: unknown) {
  const request = parseInput(RenewInput, input, "Renewal");
  try {
    return await db.$transaction(async (tx) => {
      const old = await renewableOrThrow(tx, actor, id);
      const waiting = await tx.subscription.findFirst({ where: { renewsId: old.id, state: "pending_approval" }, select: { id: true } });
      if (waiting) throw conflict(`A renewal of subscription ${old.id} is already waiting for approval: ${waiting.id}.`, [{ path: "id", message: `renewal ${waiting.id}` }]);
      const { port, team, durationDays, chain, facts } = await plan(tx, actor, old, request.durationDays);
      await requireOwnPrincipals(tx, team.id);
      if (old.state === "expired") {
        const open = await tx.subscription.findFirst({ where: { portId: port.id, consumerTeamId: team.id, state: { in: ["pending_approval", "provisioning", "active"] } }, select: { id: true, state: true } });
        if (open) throw conflict(`${team.name} already has a subscription to ${port.dataProduct.urn}:${port.name} (${open.state.replace("_", " ")}): ${open.id}.`, [{ path: "id", message: `open subscription ${open.id}` }]);
      }
      const purpose = request.purpose ?? old.purpose;
      const created = await tx.subscription.create({
        data: { portId: port.id, consumerTeamId: team.id, requesterId: actor.id, purpose, intendedUse: request.intendedUse ?? old.intendedUse, durationDays, createdAt: now(), renewsId: old.id, policyFacts: approvedFactsOf(facts) },
        select: { id: true },
      });
      await recordAuditEvent(tx, actor, {
        action: "subscription.renew",
        entityType: "subscription",
        entityId: created.id,
        summary: `${actor.name} renews ${team.name}'s subscription ${old.id} to ${port.dataProduct.urn}:${port.name}${chain.shortened ? " (nothing changed since its approval: shortened chain)" : ""}`,
        after: { renews: old.id, portId: port.id, consumerTeamId: team.id, purpose, durationDays, chain: chain.steps, shortened: chain.shortened === true },
      });
      const approval = await createApprovalRequest(tx, { subject: "subscription", subjectId: created.id, requesterId: actor.id, rationale: chain.rationale, steps: chain.steps });
      if (approval.state === "approved") await onSubscriptionApproved(tx, actor, approval);
      return subscriptionView(tx, created.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A renewal of subscription ${id} was sent at the same moment; reload to see it.`);
    throw error;
  }
}
