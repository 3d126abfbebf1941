import type { Jsonified } from "@/components/ui/jsonified";
import type { ApprovalView } from "@/lib/approvals/approval-view";
import type { ApprovalInboxItem } from "@/lib/approvals/list-approval-inbox";
import type { previewSubscription } from "@/lib/subscriptions/preview-subscription";
import type { SubscriptionView as ServerSubscriptionView } from "@/lib/subscriptions/subscription-view";

/** GET /api/v1/subscriptions/{id} (and each item of the list) as the browser receives it. */
export type SubscriptionView = Jsonified<ServerSubscriptionView>;
export type Grant = SubscriptionView["grants"][number];
export type SubscriptionState = SubscriptionView["state"];
export type GrantState = Grant["state"];

/** POST /api/v1/subscriptions/preview as the browser receives it. */
export type SubscriptionPreview = Jsonified<Awaited<ReturnType<typeof previewSubscription>>>;

/** One approval request of GET /api/v1/approvals as the browser receives it. */
export type ApprovalItem = Jsonified<ApprovalView>;

/** One item of the approver's inbox (GET /api/v1/approvals), either kind. */
export type InboxItem = Jsonified<ApprovalInboxItem>;

export type StepState = ApprovalItem["steps"][number]["state"];

/** A step as every chain shows it: previewed (no state yet), of a subscription, or of an inbox item. */
export type ChainStep = {
  kind: "owner" | "steward";
  reason: string;
  team?: { name: string | null } | null;
  state?: string;
  decidedBy?: { name: string } | null;
  decidedAt?: string | null;
  comment?: string | null;
};

/** The product page of a product URN (urn:meshwork:<domain>:<slug>). */
export function productHref(urn: string): string {
  const [, , domain, slug] = urn.split(":");
  return domain && slug ? `/products/${domain}/${slug}` : `/products/by-urn/${encodeURIComponent(urn)}`;
}
