import type { Db, Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { isSteward, memberOfTeam } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { canDecideStep, deciderOf } from "./can-decide-step";
import { summarizeSubjects, type SubjectSummary } from "./summarize-subjects";

const PERSON = { select: { id: true, name: true, email: true } } as const;

/** A request with its ordered steps, requester and deciders: what every reader of the approvals mechanism loads. */
export const REQUEST_INCLUDE = { requester: PERSON, steps: { orderBy: { position: "asc" }, include: { decidedBy: PERSON } } } as const;

type Person = { id: string; name: string; email: string };
type StepRow = { id: string; position: number; kind: "owner" | "steward"; teamId: string | null; reason: string; state: string; decidedById: string | null; decidedAt: Date | null; comment: string | null; decidedBy: Person | null };
export type RequestRow = { id: string; subject: "subscription" | "contract_version"; subjectId: string; requesterId: string | null; state: string; rationale: string; createdAt: Date; decidedAt: Date | null; requester: Person | null; steps: StepRow[] };
export type StepTeam = { id: string; slug: string; name: string; owners: number };

/** The teams named by owner steps, with how many owners each has (a team without owners falls back to stewards). */
export async function loadStepTeams(tx: Tx | Db, requests: { steps: { teamId: string | null }[] }[]): Promise<Map<string, StepTeam>> {
  const ids = [...new Set(requests.flatMap((r) => r.steps.map((s) => s.teamId).filter((id): id is string => id !== null)))];
  if (ids.length === 0) return new Map();
  const teams = await tx.team.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true, _count: { select: { memberships: { where: { role: "owner" } } } } } });
  return new Map(teams.map((t) => [t.id, { id: t.id, slug: t.slug, name: t.name, owners: t._count.memberships }]));
}

export const teamHasOwners = (teams: Map<string, StepTeam>, step: { kind: string; teamId: string | null }) => step.kind !== "owner" || (step.teamId !== null && (teams.get(step.teamId)?.owners ?? 0) > 0);

/** When a step started waiting for its decider: when the step before it was decided, or when the request was made. */
export function waitingSince(request: RequestRow, step: StepRow): Date | null {
  if (step.state === "waiting") return null;
  const previous = request.steps.filter((s) => s.position < step.position).at(-1);
  return previous?.decidedAt ?? request.createdAt;
}

/** The requester, stewards, admins, members of the teams of its steps, and the subject's own teams follow a request. */
export function canSeeRequest(actor: Actor, request: RequestRow, summary: SubjectSummary | undefined): boolean {
  if (actor.service || isSteward(actor) || request.requesterId === actor.id) return true;
  const teamIds = [...request.steps.map((s) => s.teamId), ...(summary?.teamIds ?? [])];
  return teamIds.some((id) => id !== null && memberOfTeam(actor, id));
}

/** May the actor decide the request's current step now (not the requester, not a second step of their own)? */
export function mayDecideNow(actor: Actor, request: RequestRow, teams: Map<string, StepTeam>): boolean {
  const step = request.steps.find((s) => s.state === "pending");
  if (request.state !== "pending" || !step || request.requesterId === actor.id) return false;
  if (request.steps.some((s) => s.decidedById === actor.id)) return false;
  return canDecideStep(actor, step, teamHasOwners(teams, step));
}

export function approvalView(actor: Actor, request: RequestRow, teams: Map<string, StepTeam>, summary: SubjectSummary | null) {
  const at = now().getTime();
  return {
    id: request.id,
    subject: request.subject,
    subjectId: request.subjectId,
    state: request.state,
    rationale: request.rationale,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
    requester: request.requester,
    title: summary?.title ?? null,
    purpose: summary?.purpose ?? null,
    subjectSummary: summary,
    canDecide: mayDecideNow(actor, request, teams),
    steps: request.steps.map((step) => {
      const team = step.teamId ? (teams.get(step.teamId) ?? null) : null;
      const since = waitingSince(request, step);
      return {
        id: step.id,
        position: step.position,
        kind: step.kind,
        team: team && { id: team.id, slug: team.slug, name: team.name },
        reason: step.reason,
        decider: deciderOf({ ...step, teamName: team?.name }, teamHasOwners(teams, step)),
        state: step.state,
        decidedBy: step.decidedBy,
        decidedAt: step.decidedAt,
        comment: step.comment,
        waitingSince: step.state === "pending" ? since : null,
        waitedMs: step.state === "pending" && since ? Math.max(0, at - since.getTime()) : null,
      };
    }),
  };
}

export type ApprovalView = ReturnType<typeof approvalView>;

/** One request as the actor may see it, or null when it does not exist or is hidden from them. */
export async function loadApprovalView(tx: Tx | Db, actor: Actor, where: { id: string }): Promise<ApprovalView | null> {
  const request = await tx.approvalRequest.findUnique({ where, include: REQUEST_INCLUDE });
  if (!request) return null;
  const summary = (await summarizeSubjects(tx, [request])).get(request.subjectId);
  if (!canSeeRequest(actor, request, summary)) return null;
  return approvalView(actor, request, await loadStepTeams(tx, [request]), summary ?? null);
}
