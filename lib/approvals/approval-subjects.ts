import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { ApprovalSubject } from "@/lib/generated/prisma/enums";
import { contractVersionApproval } from "@/lib/contracts/contract-version-approval";
import { subscriptionApprovalHandlers } from "@/lib/subscriptions/subscription-approval-handlers";

/** The request as a subject's handler receives it, already decided (approved or rejected) in the same transaction. */
export type DecidedRequest = { id: string; subject: ApprovalSubject; subjectId: string; requesterId: string | null; rationale: string };

/**
 * What happens to a subject when its approval request ends, run in the decision's own transaction (so a handler
 * that throws undoes the decision too). A handler's return value is passed back to the caller of decideApprovalStep.
 */
export type ApprovalSubjectHandler = {
  onApproved(tx: Tx, actor: Actor, request: DecidedRequest, comment: string): Promise<unknown>;
  onRejected(tx: Tx, actor: Actor, request: DecidedRequest, comment: string): Promise<unknown>;
  /** The subject's own words for "already decided", used in the 409 of a second decision. */
  describeDecided?(tx: Tx, request: DecidedRequest): Promise<string | null>;
};

/** Every kind of thing that is decided through approval requests, and its handler. */
export const APPROVAL_SUBJECTS: Record<ApprovalSubject, ApprovalSubjectHandler> = {
  subscription: subscriptionApprovalHandlers,
  contract_version: contractVersionApproval,
};
