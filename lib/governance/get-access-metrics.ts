import { z } from "zod";
import { db, type Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requireSteward } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { summarizeSubjects } from "@/lib/approvals/summarize-subjects";
import { parseInput } from "@/lib/validation";

export const AccessMetricsQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30),
  /** How many of the longest-waiting approvals to list. */
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

type DomainRef = { slug: string; name: string };

export type TimeToAccess = {
  /** The providing domain (of the subscribed product); null for all domains together. */
  domain: DomainRef | null;
  requests: number;
  /** Requests that reached access: every supported grant applied. */
  granted: number;
  autoApproved: number;
  /** autoApproved / requests, 0..1; null without requests. */
  autoApprovedShare: number | null;
  medianHours: number | null;
  p90Hours: number | null;
};

export type AccessMetrics = Awaited<ReturnType<typeof computeAccessMetrics>>;

/** The governance view's numbers, for stewards and admins. */
export async function getAccessMetrics(actor: Actor, query: unknown): Promise<AccessMetrics> {
  requireSteward(actor, "see the governance view");
  return computeAccessMetrics(parseInput(AccessMetricsQuery, query, "Access metrics query"));
}

const hours = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);

/**
 * Time-to-access per providing domain over the requests made in the last `days` days: from the request to the moment
 * the subscription became active (every supported grant applied), median and p90 by percentile_cont, with the share
 * approved at once by policy (an approval request without steps); the requests still waiting for approval by domain;
 * and the approval steps waiting longest, of any kind, with the time since each became the one to decide.
 */
export async function computeAccessMetrics({ days, limit }: z.infer<typeof AccessMetricsQuery>, client: Db = db) {
  const until = now();
  const since = new Date(until.getTime() - days * 86_400_000);

  const rows = await client.$queryRaw<{ slug: string | null; name: string | null; requests: number; granted: number; autoApproved: number; medianS: number | null; p90S: number | null }[]>`
    WITH requested AS (
      SELECT d.slug, d.name,
             EXTRACT(EPOCH FROM (s.activated_at - s.created_at))::float8 AS seconds,
             (ar.state = 'approved' AND NOT EXISTS (SELECT 1 FROM approval_step st WHERE st.request_id = ar.id)) AS auto
      FROM subscription s
      JOIN port p ON p.id = s.port_id
      JOIN data_product dp ON dp.id = p.data_product_id
      JOIN domain d ON d.id = dp.domain_id
      LEFT JOIN approval_request ar ON ar.subject = 'subscription' AND ar.subject_id = s.id
      WHERE s.created_at >= ${since} AND s.created_at <= ${until}
    )
    SELECT slug, name,
           count(*)::int AS requests,
           count(seconds)::int AS granted,
           count(*) FILTER (WHERE auto)::int AS "autoApproved",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS "medianS",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS "p90S"
    FROM requested
    GROUP BY GROUPING SETS ((slug, name), ())
    ORDER BY slug NULLS FIRST`;
  const metric = (r: (typeof rows)[number]): TimeToAccess => ({
    domain: r.slug === null ? null : { slug: r.slug, name: r.name! },
    requests: r.requests,
    granted: r.granted,
    autoApproved: r.autoApproved,
    autoApprovedShare: r.requests === 0 ? null : r.autoApproved / r.requests,
    medianHours: hours(r.medianS),
    p90Hours: hours(r.p90S),
  });
  const overallRow = rows.find((r) => r.slug === null);
  const overall = overallRow ? metric(overallRow) : { domain: null, requests: 0, granted: 0, autoApproved: 0, autoApprovedShare: null, medianHours: null, p90Hours: null };

  const open = await client.$queryRaw<{ slug: string; name: string; open: number; oldest: Date }[]>`
    SELECT d.slug, d.name, count(*)::int AS open, min(s.created_at) AS oldest
    FROM subscription s
    JOIN port p ON p.id = s.port_id
    JOIN data_product dp ON dp.id = p.data_product_id
    JOIN domain d ON d.id = dp.domain_id
    WHERE s.state = 'pending_approval'
    GROUP BY d.slug, d.name
    ORDER BY open DESC, d.slug`;

  // A step becomes the one to decide when the step before it is decided (the first, when the request is made).
  const waiting = await client.$queryRaw<{ requestId: string; subject: "subscription" | "contract_version"; subjectId: string; kind: string; reason: string; since: Date; requester: string | null }[]>`
    SELECT ar.id AS "requestId", ar.subject::text AS subject, ar.subject_id AS "subjectId", st.kind::text AS kind, st.reason,
           COALESCE(prev.decided_at, ar.created_at) AS since, u.name AS requester
    FROM approval_step st
    JOIN approval_request ar ON ar.id = st.request_id
    LEFT JOIN approval_step prev ON prev.request_id = st.request_id AND prev.position = st.position - 1
    LEFT JOIN app_user u ON u.id = ar.requester_id
    WHERE st.state = 'pending' AND ar.state = 'pending'
    ORDER BY since ASC, ar.id
    LIMIT ${limit}`;
  const summaries = await summarizeSubjects(client, waiting);

  return {
    days,
    since: since.toISOString(),
    until: until.toISOString(),
    overall,
    byDomain: rows.filter((r) => r.slug !== null).map(metric),
    openRequests: open.map((o) => ({ domain: { slug: o.slug, name: o.name }, open: o.open, oldestRequestedAt: o.oldest.toISOString(), oldestAgeHours: hours((until.getTime() - o.oldest.getTime()) / 1000) })),
    waitingLongest: waiting.map((w) => {
      const summary = summaries.get(w.subjectId);
      return {
        requestId: w.requestId,
        subject: w.subject,
        subjectId: w.subjectId,
        title: summary?.title ?? `${w.subject.replace("_", " ")} ${w.subjectId}`,
        productUrn: summary?.product.urn ?? null,
        portName: summary?.port.name ?? null,
        domainSlug: summary?.product.domainSlug ?? null,
        step: { kind: w.kind, reason: w.reason },
        requester: w.requester,
        waitingSince: w.since.toISOString(),
        ageHours: hours((until.getTime() - w.since.getTime()) / 1000)!,
      };
    }),
  };
}
