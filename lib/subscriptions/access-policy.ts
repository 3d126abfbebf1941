import type { ApprovalStepKind, Classification } from "@/lib/generated/prisma/enums";

/**
 * The access policy: which approvals a subscription request needs, computed when it is made. In order:
 *  1. A request from the product's owning team itself is approved at once.
 *  2. A sensitive product (confidential or restricted, marked as containing personal data, or whose port's active
 *     contract marks personal-data fields) needs the owning team and then a governance steward.
 *  3. Otherwise a public or internal product whose port allows self-service is approved at once,
 *  4. and any other request needs the owning team.
 * The owning team's step is decided by any of its owners other than the requester; with none, stewards decide it.
 * A renewal (a new request for the same port) when nothing changed since the last approval — same classification, no
 * personal data that was not there then — skips the steward step: the owner step alone confirms the need goes on.
 */
export type PolicyFacts = {
  product: { urn: string; classification: Classification; containsPersonalData: boolean; teamId: string; teamName: string };
  port: { name: string; selfService: boolean };
  consumerTeamId: string;
  /** Owners of the owning team other than the requester (nobody decides on their own request). */
  otherOwnerCount: number;
  /** Fields the port's active contract marks as personal data (personal-data-fields.ts). */
  personalDataFields: string[];
  /** Set for a renewal: what the renewed subscription was approved on (null when that was not recorded). */
  renewal?: { subscriptionId: string; approvedOn: ApprovedFacts | null };
};

/** What a request's chain was decided on, kept on the subscription (policyFacts) so a renewal can compare. */
export type ApprovedFacts = { classification: Classification; containsPersonalData: boolean; personalDataFields: string[] };

export const approvedFactsOf = (facts: PolicyFacts): ApprovedFacts => ({
  classification: facts.product.classification,
  containsPersonalData: facts.product.containsPersonalData,
  personalDataFields: facts.personalDataFields,
});

/** What changed since a renewed subscription's approval, in words; empty when nothing did. */
export function changesSinceApproval(facts: PolicyFacts, approvedOn: ApprovedFacts | null): string[] {
  if (!approvedOn) return ["what the last approval was decided on was not recorded"];
  const changes: string[] = [];
  if (approvedOn.classification !== facts.product.classification) changes.push(`the classification changed from ${approvedOn.classification} to ${facts.product.classification}`);
  if (!approvedOn.containsPersonalData && facts.product.containsPersonalData) changes.push("the product is now marked as containing personal data");
  const added = facts.personalDataFields.filter((field) => !approvedOn.personalDataFields.includes(field));
  if (added.length > 0) changes.push(`the contract marks new personal-data fields (${summarize(added)})`);
  return changes;
}

export type PolicyStep = { kind: ApprovalStepKind; teamId?: string; reason: string };
export type ApprovalChain = { steps: PolicyStep[]; rationale: string; shortened?: boolean };

const SENSITIVE_CLASSIFICATIONS: Classification[] = ["confidential", "restricted"];

export function approvalChain(facts: PolicyFacts): ApprovalChain {
  const { product, port } = facts;
  const where = `${product.urn}:${port.name}`;
  if (facts.consumerTeamId === product.teamId) {
    return { steps: [], rationale: `Approved at once: ${product.teamName} owns ${product.urn} and requests access to its own port.` };
  }

  const stewardReasons = [
    SENSITIVE_CLASSIFICATIONS.includes(product.classification) && `${product.urn} is ${product.classification}`,
    product.containsPersonalData && `${product.urn} contains personal data`,
    facts.personalDataFields.length > 0 && `the active contract of ${where} marks personal data (${summarize(facts.personalDataFields)})`,
  ].filter((reason): reason is string => typeof reason === "string");

  if (stewardReasons.length === 0 && port.selfService) {
    return { steps: [], rationale: `Approved at once: ${product.urn} is ${product.classification} and ${where} allows self-service.` };
  }

  const ownerReason =
    stewardReasons.length > 0 ? `${product.teamName} owns ${product.urn}.` : `${product.teamName} owns ${product.urn} and ${where} does not allow self-service.`;
  const steps: PolicyStep[] = [];
  const renewalChanges = facts.renewal ? changesSinceApproval(facts, facts.renewal.approvedOn) : null;
  const shortened = renewalChanges !== null && renewalChanges.length === 0 && stewardReasons.length > 0 && facts.otherOwnerCount > 0;
  if (shortened) {
    steps.push({ kind: "owner", teamId: product.teamId, reason: `${ownerReason} This renews subscription ${facts.renewal!.subscriptionId} and nothing changed since its approval (still ${product.classification}, no new personal data), so no steward step is needed.` });
  } else if (facts.otherOwnerCount > 0) {
    steps.push({ kind: "owner", teamId: product.teamId, reason: ownerReason });
    if (stewardReasons.length > 0) steps.push({ kind: "steward", reason: `A governance steward approves too: ${stewardReasons.join("; ")}${renewalChanges?.length ? ` (and since the last approval ${renewalChanges.join("; ")})` : ""}.` });
  } else {
    // One steward step carries both reasons: the same person would otherwise be asked twice.
    const fallback = `${product.teamName} has no owner who could decide (other than the requester), so a governance steward decides in their place`;
    steps.push({ kind: "steward", reason: [fallback, ...stewardReasons].join("; ") + "." });
  }
  const rationale = steps.map((step, i) => `${i + 1}. ${step.kind === "owner" ? `An owner of ${product.teamName}` : "A governance steward"}: ${step.reason}`).join(" ");
  return { steps, rationale, shortened };
}

const summarize = (fields: string[]) => (fields.length <= 3 ? fields.join(", ") : `${fields.slice(0, 3).join(", ")} and ${fields.length - 3} more`);
