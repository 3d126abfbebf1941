import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isSteward } from "@/lib/auth/permissions";
import { approvalView, loadStepTeams, REQUEST_INCLUDE } from "./approval-view";
import { summarizeSubjects } from "./summarize-subjects";

/**
 * The actor's inbox: every approval step, of every kind, they may decide now — owner steps of teams they own
 * (all of them for admins, those of teams without owners for stewards) and steward steps for stewards — oldest
 * wait first, with the requester, the purpose and how long it has waited. Their own requests are not in it.
 */
export async function listApprovalInbox(actor: Actor) {
  if (actor.service) return { items: [] };
  const ownedTeamIds = actor.memberships.filter((m) => m.role === "owner").map((m) => m.teamId);
  const steps = isSteward(actor) ? {} : { kind: "owner" as const, teamId: { in: ownedTeamIds } };
  const requests = await db.approvalRequest.findMany({
    where: { state: "pending", OR: [{ requesterId: null }, { requesterId: { not: actor.id } }], steps: { some: { state: "pending", ...steps } } },
    include: REQUEST_INCLUDE,
  });
  const teams = await loadStepTeams(db, requests);
  const decidable = requests.map((r) => ({ request: r, view: approvalView(actor, r, teams, null) })).filter((r) => r.view.canDecide);
  const summaries = await summarizeSubjects(db, decidable.map((r) => r.request));
  const items = decidable.flatMap(({ request, view }) => {
    const summary = summaries.get(request.subjectId);
    const step = view.steps.find((s) => s.state === "pending")!;
    if (!summary) return [];
    return [{ ...view, title: summary.title, purpose: summary.purpose, subjectSummary: summary, step, waitingSince: step.waitingSince!, waitedMs: step.waitedMs! }];
  });
  items.sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime());
  return { items };
}

export type ApprovalInboxItem = Awaited<ReturnType<typeof listApprovalInbox>>["items"][number];
