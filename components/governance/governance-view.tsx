import Link from "next/link";
import { Card, Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import type { Jsonified } from "@/components/ui/jsonified";
import { productHref } from "@/components/subscriptions/subscription-types";
import type { AccessMetrics } from "@/lib/governance/get-access-metrics";
import { formatHours, formatShare } from "./format-hours";
import { TimeToAccessChart } from "./time-to-access-chart";

const th = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-600";
const td = "px-4 py-2.5 text-slate-800";

function Stat({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <Card className="px-5 py-4" testId={testId}>
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`${testId}-value`}>{value}</p>
      <p className="mt-0.5 text-xs text-slate-600">{hint}</p>
    </Card>
  );
}

/** The governance view: how fast access is granted per domain, how much the policy approves at once, what waits. */
export function GovernanceView({ metrics }: { metrics: Jsonified<AccessMetrics> }) {
  const { overall, byDomain, openRequests, waitingLongest, days } = metrics;
  const openTotal = openRequests.reduce((n, o) => n + o.open, 0);
  const granted = byDomain.filter((d) => d.granted > 0);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat testId="stat-median" label="Median time-to-access" value={formatHours(overall.medianHours)} hint={`p90 ${formatHours(overall.p90Hours)}, over ${overall.granted} granted request${overall.granted === 1 ? "" : "s"}`} />
        <Stat testId="stat-requests" label={`Requests, last ${days} days`} value={String(overall.requests)} hint={`${overall.granted} reached access`} />
        <Stat testId="stat-auto" label="Auto-approved" value={formatShare(overall.autoApprovedShare)} hint={`${overall.autoApproved} approved at once by policy`} />
        <Stat testId="stat-open" label="Open requests" value={String(openTotal)} hint={openTotal === 0 ? "nothing waits for a decision" : `in ${openRequests.length} domain${openRequests.length === 1 ? "" : "s"}`} />
      </div>

      <Section id="time-to-access" title="Time-to-access by domain" description={`From the request to every supported grant applied, for requests made in the last ${days} days, by the domain that provides the product.`}>
        {granted.length === 0 ? (
          <EmptyState compact title="No request reached access in this period">Once requests are approved and their grants applied, their time-to-access shows here per domain.</EmptyState>
        ) : (
          <div className="space-y-4 p-5">
            <TimeToAccessChart bars={granted.map((d) => ({ domain: d.domain?.name ?? "", medianHours: d.medianHours, p90Hours: d.p90Hours }))} />
            <div className="overflow-x-auto"><table className="w-full text-sm" data-testid="time-to-access-table">
              <caption className="sr-only">Time-to-access per domain</caption>
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th scope="col" className={th}>Domain</th>
                  <th scope="col" className={th}>Requests</th>
                  <th scope="col" className={th}>Granted</th>
                  <th scope="col" className={th}>Median</th>
                  <th scope="col" className={th}>p90</th>
                  <th scope="col" className={th}>Auto-approved</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {byDomain.map((d) => (
                  <tr key={d.domain?.slug} data-testid="time-to-access-row">
                    <th scope="row" className={`${td} text-left font-medium`}><Link href={`/domains/${d.domain?.slug}`} className="hover:underline">{d.domain?.name}</Link></th>
                    <td className={td}>{d.requests}</td>
                    <td className={td}>{d.granted}</td>
                    <td className={td}>{formatHours(d.medianHours)}</td>
                    <td className={td}>{formatHours(d.p90Hours)}</td>
                    <td className={td}>{formatShare(d.autoApprovedShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          </div>
        )}
      </Section>

      <div className="grid gap-6 lg:grid-cols-5">
        <Section id="open-requests" className="min-w-0 lg:col-span-2" title="Open requests by domain" description="Requests waiting for an approval, by the domain that provides the product.">
          {openRequests.length === 0 ? (
            <EmptyState compact title="No open requests">Every access request has been decided.</EmptyState>
          ) : (
            <div className="overflow-x-auto"><table className="w-full text-sm" data-testid="open-requests-table">
              <thead className="border-b border-slate-200 bg-slate-50">
                <tr>
                  <th scope="col" className={th}>Domain</th>
                  <th scope="col" className={th}>Open</th>
                  <th scope="col" className={th}>Oldest</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {openRequests.map((o) => (
                  <tr key={o.domain.slug}>
                    <th scope="row" className={`${td} text-left font-medium`}>{o.domain.name}</th>
                    <td className={td}>{o.open}</td>
                    <td className={td} title={formatDateTime(o.oldestRequestedAt)}>{formatHours(o.oldestAgeHours)} ago</td>
                  </tr>
                ))}
              </tbody>
            </table></div>
          )}
        </Section>

        <Section id="waiting-longest" className="min-w-0 lg:col-span-3" title="Approvals waiting longest" description="Each step that is someone's to decide now, oldest first, with how long it has waited.">
          {waitingLongest.length === 0 ? (
            <EmptyState compact title="Nothing waits for a decision">New access requests and contract versions that need approval show up here.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="waiting-longest">
              {waitingLongest.map((w) => (
                <li key={w.requestId} className="flex items-start justify-between gap-4 px-5 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      {w.productUrn ? <Link href={`${productHref(w.productUrn)}${w.portName ? `/ports/${w.portName}` : ""}`} className="hover:underline">{w.title}</Link> : w.title}
                    </p>
                    <p className="mt-0.5 text-xs text-slate-600">
                      {w.step.kind === "steward" ? "A steward decides" : "The owning team decides"}
                      {w.step.reason ? ` (${w.step.reason})` : ""}
                      {w.requester ? ` · requested by ${w.requester}` : ""}
                    </p>
                  </div>
                  <span className="shrink-0 whitespace-nowrap rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/25" title={`Waiting since ${formatDateTime(w.waitingSince)}`} data-testid="waiting-age">
                    {formatHours(w.ageHours)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </div>
  );
}
