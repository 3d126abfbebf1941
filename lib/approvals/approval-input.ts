import { z } from "zod";

/** A decision on an approval step: an optional comment (the reason, for a rejection), and optionally the step it is meant for. */
export const ApprovalDecision = z
  .object({
    comment: z.string().trim().max(2000).default(""),
    /** The step the decider saw; when another decision moved the request on meanwhile, theirs is refused with 409. */
    stepId: z.uuid().optional(),
  })
  .strict();

export type ApprovalDecisionInput = z.infer<typeof ApprovalDecision>;

export type StepSpec = { kind: "owner" | "steward"; teamId?: string | null; reason: string };

export type ApprovalRequestSpec = {
  subject: "subscription" | "contract_version";
  subjectId: string;
  requesterId: string | null;
  rationale: string;
  steps: StepSpec[];
};
