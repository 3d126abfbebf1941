import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createApprovalRequest } from "@/lib/approvals/create-approval-request";
import { now } from "@/lib/clock";
import { conflict, isUniqueViolation, validationFailed } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { approvedFactsOf } from "./access-policy";
import { findPrincipalClash } from "./find-principal-clash";
import { planSubscription } from "./preview-subscription";
import { onSubscriptionApproved } from "./subscription-approval-handlers";
import { IdempotencyKey, SubscriptionRequestInput, type SubscriptionRequest } from "./subscription-input";
import { SUBSCRIPTION_SELECT, subscriptionView, type SubscriptionView } from "./subscription-view";

export type RequestResult = { subscription: SubscriptionView; replayed: boolean };

/**
 * A person asks access to an output port for one of their teams, with a purpose. The policy's chain is opened as an
 * approval request; without steps the subscription is approved at once and provisioning begins, in the same
 * transaction. With an Idempotency-Key a retried request (even one sent at the same moment) answers the first result.
 */
export async function requestSubscription(actor: Actor, input: unknown, { idempotencyKey = null }: { idempotencyKey?: string | null } = {}): Promise<RequestResult> {
  const request = parseInput(SubscriptionRequestInput, input, "Subscription request");
  const key = idempotencyKey === null ? null : parseInput(IdempotencyKey, idempotencyKey, "Idempotency-Key header");
  if (key) {
    const first = await replay(actor, key, request);
    if (first) return first;
  }
  try {
    const subscription = await db.$transaction(async (tx) => {
      const { port, team, durationDays, chain, facts } = await planSubscription(tx, actor, request);
      await requireOwnPrincipals(tx, team.id);
      const open = await tx.subscription.findFirst({ where: { portId: port.id, consumerTeamId: team.id, state: { in: ["pending_approval", "provisioning", "active"] } }, select: { id: true, state: true } });
      if (open) throw openConflict(team.name, `${port.dataProduct.urn}:${port.name}`, open);
      const created = await tx.subscription.create({
        data: { portId: port.id, consumerTeamId: team.id, requesterId: actor.id, purpose: request.purpose, intendedUse: request.intendedUse, durationDays, idempotencyKey: key, createdAt: now(), policyFacts: approvedFactsOf(facts) },
        select: { id: true },
      });
      await recordAuditEvent(tx, actor, {
        action: "subscription.request",
        entityType: "subscription",
        entityId: created.id,
        summary: `${actor.name} requests access to ${port.dataProduct.urn}:${port.name} for ${team.name}: ${request.purpose}`,
        after: { portId: port.id, consumerTeamId: team.id, purpose: request.purpose, intendedUse: request.intendedUse, durationDays, chain: chain.steps },
      });
      const approval = await createApprovalRequest(tx, { subject: "subscription", subjectId: created.id, requesterId: actor.id, rationale: chain.rationale, steps: chain.steps });
      if (approval.state === "approved") await onSubscriptionApproved(tx, actor, approval);
      return subscriptionView(tx, created.id);
    });
    return { subscription, replayed: false };
  } catch (error) {
    // A request with the same key may have committed meanwhile (the unique key, or the open subscription it made, refused this one).
    if (key) {
      const first = await replay(actor, key, request);
      if (first) return first;
    }
    if (isUniqueViolation(error)) throw conflict("The team already has an open subscription to this port (requested at the same moment). Reload to see it.");
    throw error;
  }
}

function openConflict(teamName: string, portUrn: string, open: { id: string; state: string }) {
  return conflict(`${teamName} already has a subscription to ${portUrn} (${open.state.replace("_", " ")}): ${open.id}.`, [{ path: "port", message: `open subscription ${open.id}` }]);
}

/** The first result for this key, if there is one; a key reused for a different request is refused. */
async function replay(actor: Actor, key: string, request: SubscriptionRequest): Promise<RequestResult | null> {
  const first = await db.subscription.findUnique({ where: { requesterId_idempotencyKey: { requesterId: actor.id, idempotencyKey: key } }, select: SUBSCRIPTION_SELECT });
  if (!first) return null;
  const portRefs = [first.port.id, `${first.port.dataProduct.urn}:${first.port.name}`, `${first.port.dataProduct.urn}#${first.port.name}`];
  const teamRefs = [first.consumerTeam.id, first.consumerTeam.slug];
  const same =
    portRefs.includes(request.port) &&
    (teamRefs.includes(request.consumerTeam) || request.consumerTeam.endsWith(`/${first.consumerTeam.slug}`)) &&
    request.purpose === first.purpose &&
    request.intendedUse === first.intendedUse &&
    (request.durationDays === undefined || request.durationDays === first.durationDays);
  // 422, as the IETF Idempotency-Key draft asks for a key reused with a different payload.
  if (!same) throw validationFailed(`Idempotency-Key ${key} was already used for a different request (subscription ${first.id}); send a new key for a new request.`, [{ path: "Idempotency-Key", message: "reused for a different request" }]);
  return { subscription: await subscriptionView(db, first.id), replayed: true };
}

/** A team that shares its role or principal with another would receive that team's grants too: an admin sets its own first. */
export async function requireOwnPrincipals(tx: Tx, teamId: string): Promise<void> {
  const team = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { id: true, slug: true, name: true, kafkaPrincipal: true, postgresRole: true } });
  const clash = await findPrincipalClash(tx, team);
  if (clash) {
    throw conflict(
      `${team.name} would act as ${clash.label}, which team ${clash.other.name} also acts as, so each would hold the other's access. An admin must set principals of its own for ${team.name} (Admin → team principals) before it subscribes.`,
      [{ path: "consumerTeam", message: `shares ${clash.label} with team ${clash.other.slug}` }],
    );
  }
}
