import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { GrantState, SubscriptionState } from "./subscription-types";

const STATES: Record<SubscriptionState, { label: string; tone: BadgeTone }> = {
  pending_approval: { label: "Waiting for approval", tone: "amber" },
  provisioning: { label: "Granting access", tone: "sky" },
  active: { label: "Active", tone: "green" },
  rejected: { label: "Rejected", tone: "red" },
  cancelled: { label: "Cancelled", tone: "slate" },
  expired: { label: "Expired", tone: "slate" },
  revoked: { label: "Revoked", tone: "red" },
  ended: { label: "Ended", tone: "slate" },
  renewed: { label: "Renewed", tone: "slate" },
};

const GRANTS: Record<GrantState, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "sky" },
  applied: { label: "Applied", tone: "green" },
  failed: { label: "Failed, retrying", tone: "red" },
  not_supported: { label: "Not applied", tone: "amber" },
  revoking: { label: "Being revoked", tone: "sky" },
  revoked: { label: "Revoked", tone: "slate" },
};

export function SubscriptionStateBadge({ state }: { state: SubscriptionState }) {
  const s = STATES[state];
  return (
    <Badge tone={s.tone} dot testId="subscription-state">
      {s.label}
    </Badge>
  );
}

export function GrantStateBadge({ state }: { state: GrantState }) {
  const s = GRANTS[state];
  return (
    <Badge tone={s.tone} dot testId="grant-state">
      {s.label}
    </Badge>
  );
}
