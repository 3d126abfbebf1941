// Until lib/subscriptions and lib/approvals land, the shapes the UI reads, as the issue split describes them.
export type StepKind = "owner" | "steward";
export type StepState = "waiting" | "pending" | "approved" | "rejected" | "skipped";
export type SubscriptionState = "pending_approval" | "provisioning" | "active" | "rejected" | "cancelled";
export type GrantState = "pending" | "applied" | "failed" | "not_supported";

export type ChainStep = {
  kind: StepKind;
  reason: string;
  team?: { id: string; name: string; slug?: string } | null;
  state?: StepState;
  decidedBy?: { name: string; email?: string } | null;
  decidedAt?: string | null;
  comment?: string | null;
};

export type SubscriptionPreview = {
  autoApproved?: boolean;
  rationale?: string;
  steps: ChainStep[];
  port?: { selfService?: boolean; maxDurationDays?: number; allowNoEnd?: boolean };
  maxDurationDays?: number;
  allowNoEnd?: boolean;
};

export type Grant = { id: string; kind: "postgres_select" | "kafka_acl"; principal: string; target: string; state: GrantState; attempts: number; lastError: string | null; appliedAt: string | null };

export type SubscriptionView = {
  id: string;
  state: SubscriptionState;
  purpose: string;
  intendedUse: string;
  durationDays: number | null;
  reason: string | null;
  createdAt: string;
  approvedAt: string | null;
  activatedAt: string | null;
  endsAt: string | null;
  port: { id: string; name: string; type: string; location: string | null; product: { name: string; slug: string; urn?: string; domain: { slug: string } } };
  consumerTeam: { id: string; name: string; slug: string };
  requester?: { name: string; email: string } | null;
  approval?: { state: string; rationale?: string; steps: ChainStep[] } | null;
  grants: Grant[];
};
