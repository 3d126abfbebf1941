import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

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
  const { port, requesterId: _requesterId, consumerTeamId: _consumerTeamId, ...rest } = row;
  const { dataProduct, ...portFields } = port;
  // An owner step is decided by the owning team's owners; its team is the product's.
  const stepTeam = (teamId: string | null) => (teamId === null ? null : teamId === dataProduct.team.id ? dataProduct.team : { id: teamId, slug: null, name: null });
  return {
    ...rest,
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
