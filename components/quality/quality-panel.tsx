"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/card";
import { secondaryButton } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date";
import { percent, scoreTone } from "./quality-badge";
import { QualityHistoryChart } from "./quality-history-chart";
import type { PortQuality, ProductQuality } from "./quality-types";
import { CheckStatusBadge, formatMeasured } from "./status-badge";

function Freshness({ port }: { port: PortQuality }) {
  const f = port.freshness;
  if (!f) return <span className="text-slate-600">No freshness SLA evaluated</span>;
  const age = f.ageSeconds === null ? "no data yet" : `newest ${port.port.type === "table" ? "row" : "message"} ${formatMeasured(f.ageSeconds, "seconds")} old`;
  return (
    <span className="inline-flex items-center gap-2" data-testid="freshness">
      <Badge tone={f.status === "passed" ? "green" : "red"}>{f.status === "passed" ? "Fresh" : "Stale"}</Badge>
      <span className="text-slate-700">
        {age}, SLA {f.threshold}
      </span>
    </span>
  );
}

function PortChecks({ port, productHref }: { port: PortQuality; productHref: string }) {
  return (
    <div className="border-t border-slate-100 first:border-t-0" data-testid="port-quality" data-port={port.port.name}>
      <div className="flex flex-wrap items-center justify-between gap-2 px-5 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">
          <Link href={`${productHref}/ports/${port.port.name}#failing-rows`} className="hover:text-brand-700 hover:underline">
            {port.port.name}
          </Link>{" "}
          <span className="font-normal text-slate-600">({port.port.type === "table" ? "table" : "stream"})</span>
        </h3>
        <span className="text-xs text-slate-600">{port.latest ? <>Last run {formatDateTime(port.latest.startedAt)} ({port.latest.trigger})</> : "Not checked yet"}</span>
      </div>
      <p className="px-5 pt-1 text-sm">
        <Freshness port={port} />
      </p>
      {port.results.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-600">{port.contractVersion ? "No run yet: the quality worker checks this port within 5 minutes, or use Run checks now." : "This port has no active contract, so there is nothing to check."}</p>
      ) : (
        <div className="overflow-x-auto px-5 py-3">
          <table className="w-full text-left text-sm" data-testid="quality-checks">
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1.5 pr-3 font-medium">Status</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Check</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Measured</th>
                <th scope="col" className="py-1.5 pr-3 font-medium">Threshold</th>
                <th scope="col" className="py-1.5 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {port.results.map((r) => (
                <tr key={r.checkKey} data-testid="quality-check" data-status={r.status} data-check={r.checkKey}>
                  <td className="py-2 pr-3 align-top">
                    <CheckStatusBadge status={r.status} />
                  </td>
                  <td className="py-2 pr-3 align-top text-slate-900">
                    {r.name}
                    {r.severity !== "error" && <span className="ml-1.5 text-xs text-slate-600">({r.severity})</span>}
                  </td>
                  <td className="py-2 pr-3 align-top font-mono text-xs text-slate-800">{formatMeasured(r.measured, r.unit)}</td>
                  <td className="py-2 pr-3 align-top font-mono text-xs text-slate-800">{r.threshold ?? "—"}</td>
                  <td className="py-2 align-top text-xs text-slate-700">
                    {r.reason}
                    {r.incidentId && (
                      <Link href={`/incidents#incident-${r.incidentId}`} className="ml-1.5 font-medium text-red-700 underline hover:no-underline" data-testid="check-incident">
                        Open incident
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {port.history.length > 0 && (
        <div className="pb-3">
          <h4 className="px-5 pb-1 text-xs font-medium text-slate-700">Last 7 days</h4>
          <QualityHistoryChart points={port.history} />
        </div>
      )}
    </div>
  );
}

/** The product page's Quality panel: score (share of evaluated checks passing), freshness against the SLA, each check, history. */
export function QualityPanel({ quality, productHref }: { quality: ProductQuality; productHref: string }) {
  const router = useRouter();
  const run = useMutation({
    mutationFn: () => Promise.all(quality.ports.filter((p) => p.contractVersion).map((p) => apiRequest(`/api/v1/ports/${p.port.id}/quality/run`, { method: "POST" }))),
    onSuccess: () => router.refresh(),
  });
  const incidents = quality.ports.reduce((n, p) => n + p.incidents.length, 0);
  const notEvaluated = quality.ports.reduce((n, p) => n + p.counts.notEvaluated, 0);
  return (
    <Section
      id="quality"
      title="Quality"
      description="Checks from each port's contract, on the table and on the stream."
      action={
        quality.canRun ? (
          <button type="button" className={secondaryButton} onClick={() => run.mutate()} disabled={run.isPending} data-testid="run-quality">
            {run.isPending ? "Running checks…" : "Run checks now"}
          </button>
        ) : undefined
      }
    >
      <div data-testid="quality-panel">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-4">
          {quality.score === null ? (
            <p className="text-sm text-slate-700">No check has been evaluated yet.</p>
          ) : (
            <>
              <span className="text-2xl font-semibold text-slate-900" data-testid="quality-score">
                {percent(quality.score)}
              </span>
              <Badge tone={scoreTone(quality.score)}>{quality.failed === 0 ? "All evaluated checks pass" : `${quality.failed} failing`}</Badge>
              <span className="text-sm text-slate-700">
                {quality.passed} of {quality.passed + quality.failed} evaluated checks pass{notEvaluated > 0 ? ` · ${notEvaluated} not evaluated` : ""}
              </span>
            </>
          )}
          {incidents > 0 && (
            <Link href="/incidents" className="text-sm font-medium text-red-700 underline hover:no-underline" data-testid="quality-incidents-link">
              {incidents} open incident{incidents === 1 ? "" : "s"}
            </Link>
          )}
        </div>
        {run.isError && (
          <p role="alert" className="px-5 pb-3 text-sm text-red-700">
            {errorMessage(run.error)}
          </p>
        )}
        {quality.ports.map((p) => (
          <PortChecks key={p.port.id} port={p} productHref={productHref} />
        ))}
      </div>
    </Section>
  );
}
