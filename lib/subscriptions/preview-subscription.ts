import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { conflict } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { approvalChain, type PolicyFacts } from "./access-policy";
import { findSubscribablePortOrThrow, type SubscribablePort } from "./find-subscribable-port";
import { loadPolicyFacts } from "./policy-facts";
import { resolveConsumerTeam } from "./resolve-consumer-team";
import { resolveDuration } from "./subscription-duration";
import { SubscriptionPreviewInput } from "./subscription-input";

/** Everything a request is decided on, read in one transaction: the port, the consuming team, duration and chain. */
export async function planSubscription(tx: Tx, actor: Actor, input: { port: string; consumerTeam: string; durationDays?: number | null; renewal?: PolicyFacts["renewal"] }) {
  const port = await findSubscribablePortOrThrow(actor, input.port, tx);
  refuseUnsubscribable(port);
  const team = await resolveConsumerTeam(actor, input.consumerTeam, tx);
  const durationDays = resolveDuration(port, input.durationDays);
  const facts = { ...(await loadPolicyFacts(tx, port, team.id, actor.id)), renewal: input.renewal };
  const chain = approvalChain(facts);
  return { port, team, durationDays, chain, facts };
}

function refuseUnsubscribable(port: SubscribablePort): void {
  if (port.dataProduct.status === "retired") throw conflict(`${port.dataProduct.urn} is retired: nobody can subscribe to it any more.`);
}

/** The approval chain a request would take and why, before it is sent (the request form shows it). */
export async function previewSubscription(actor: Actor, input: unknown) {
  const request = parseInput(SubscriptionPreviewInput, input, "Subscription preview");
  return db.$transaction(async (tx) => {
    const { port, team, durationDays, chain } = await planSubscription(tx, actor, request);
    return {
      port: { id: port.id, urn: `${port.dataProduct.urn}:${port.name}`, name: port.name, type: port.type, selfService: port.selfService, maxDurationDays: port.maxDurationDays, allowNoEnd: port.allowNoEnd },
      product: { id: port.dataProduct.id, urn: port.dataProduct.urn, name: port.dataProduct.name, classification: port.dataProduct.classification, containsPersonalData: port.dataProduct.containsPersonalData },
      consumerTeam: team,
      durationDays,
      autoApproved: chain.steps.length === 0,
      steps: chain.steps.map((step, position) => ({ position, kind: step.kind, team: step.teamId ? { id: port.dataProduct.teamId, name: port.dataProduct.team.name } : null, reason: step.reason })),
      rationale: chain.rationale,
    };
  });
}
