import type { Db, Tx } from "@/lib/db";
import { now } from "@/lib/clock";
import type { Prisma } from "@/lib/generated/prisma/client";

const DAY_MS = 86_400_000;
const OPEN_STATES: string[] = ["provisioning", "active"];

/** What every subscription answer selects: the subscription, its port and product, teams, requester and grants. */
export const SUBSCRIPTION_SELECT = {
  id: true,
  state: true,
  purpose: true,
  intendedUse: true,
  durationDays: true,
  reason: true,
  requesterId: true,
  consumerTeamId: true,
  createdAt: true,
  approvedAt: true,
  activatedAt: true,
  endsAt: true,
  endedAt: true,
  renewsId: true,
  remindedAt: true,
  renewals: { select: { id: true, state: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
  port: { select: { id: true, name: true, type: true, location: true, dataProduct: { select: { id: true, urn: true, name: true, teamId: true, team: { select: { id: true, slug: true, name: true } } } } } },
  consumerTeam: { select: { id: true, slug: true, name: true } },
  requester: { select: { id: true, name: true, email: true } },
  grants: { select: { id: true, kind: true, principal: true, target: true, state: true, attempts: true, lastError: true, appliedAt: true, updatedAt: true }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.SubscriptionSelect;

type Row = Prisma.SubscriptionGetPayload<{ select: typeof SUBSCRIPTION_SELECT }>;

const APPROVAL_SELECT = {
  id: true,
  subjectId: true,
  state: true,
  rationale: true,
  createdAt: true,
  decidedAt: true,
  steps: { orderBy: { position: "asc" }, select: { id: true, position: true, kind: true, teamId: true, reason: true, state: true, decidedAt: true, comment: true, decidedBy: { select: { id: true, name: true, email: true } } } },
} satisfies Prisma.ApprovalRequestSelect;

type Approval = Prisma.ApprovalRequestGetPayload<{ select: typeof APPROVAL_SELECT }>;

async function approvalsOf(client: Tx | Db, subscriptionIds: string[]): Promise<Map<string, Approval>> {
  if (subscriptionIds.length === 0) return new Map();
  const requests = await client.approvalRequest.findMany({ where: { subject: "subscription", subjectId: { in: subscriptionIds } }, select: APPROVAL_SELECT });
  return new Map(requests.map((request) => [request.subjectId, request]));
}

export type SubscriptionView = ReturnType<typeof toView>;

function toView(row: Row, approval: Approval | undefined) {
  const { port, requesterId: _requesterId, consumerTeamId: _consumerTeamId, renewals, ...rest } = row;
  const { dataProduct, ...portFields } = port;
  // An owner step is decided by the owning team's owners; its team is the product's.
  const stepTeam = (teamId: string | null) => (teamId === null ? null : teamId === dataProduct.team.id ? dataProduct.team : { id: teamId, slug: null, name: null });
  return {
    ...rest,
    /** Whole days until the end date (by lib/clock), while the subscription is open; null without an end. */
    expiresInDays: row.endsAt && OPEN_STATES.includes(row.state) ? Math.max(0, Math.ceil((row.endsAt.getTime() - now().getTime()) / DAY_MS)) : null,
    /** The latest renewal request of this subscription, if any (its state says whether it still waits). */
    renewal: renewals[0] ?? null,
    port: { ...portFields, urn: `${dataProduct.urn}:${port.name}` },
    product: { id: dataProduct.id, urn: dataProduct.urn, name: dataProduct.name, team: dataProduct.team },
    approval: approval
      ? {
          id: approval.id,
          state: approval.state,
          rationale: approval.rationale,
          createdAt: approval.createdAt,
          decidedAt: approval.decidedAt,
          steps: approval.steps.map(({ teamId, ...step }) => ({ ...step, team: stepTeam(teamId) })),
        }
      : null,
  };
}

/** Subscriptions as the API answers them, each with its approval chain. */
export async function subscriptionViews(client: Tx | Db, rows: Row[]) {
  const approvals = await approvalsOf(client, rows.map((row) => row.id));
  return rows.map((row) => toView(row, approvals.get(row.id)));
}

export async function subscriptionView(client: Tx | Db, id: string) {
  const row = await client.subscription.findUniqueOrThrow({ where: { id }, select: SUBSCRIPTION_SELECT });
  return (await subscriptionViews(client, [row]))[0];
}
