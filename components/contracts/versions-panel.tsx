"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { ContractChange } from "@/lib/contracts/contract-change";
import type { listContractVersions } from "@/lib/contracts/list-contract-versions";
import { Section } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { Skeleton } from "@/components/ui/skeleton";
import { apiRequest } from "@/components/ui/api-request";
import type { ContractDiff } from "./contract-api";
import { ContractChanges } from "./contract-changes";
import { YamlTextDiff } from "./yaml-text-diff";
import { VersionStatusBadge } from "./version-status-badge";

export type VersionSummary = Awaited<ReturnType<typeof listContractVersions>>["versions"][number];

const th = "px-4 py-2.5 text-left text-xs font-medium whitespace-nowrap text-slate-500";
const td = "px-4 py-3 align-top";

function ChangeSummary({ changes }: { changes: unknown }) {
  const list = Array.isArray(changes) ? (changes as ContractChange[]) : [];
  if (list.length === 0) return <span className="text-slate-400">—</span>;
  const breaking = list.filter((c) => c.breaking).length;
  return (
    <span className="text-xs whitespace-nowrap text-slate-600">
      {list.length} change{list.length === 1 ? "" : "s"}
      {breaking > 0 && <span className="font-medium text-red-700"> · {breaking} breaking</span>}
    </span>
  );
}

function VersionSelect({ label, value, onChange, versions, testId }: { label: string; value: string; onChange: (id: string) => void; versions: VersionSummary[]; testId: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      {label}
      <select
        data-testid={testId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-md border border-slate-300 bg-white py-1 pr-8 pl-2 text-sm text-slate-800 shadow-sm focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
      >
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.version} · {v.status.replace("_", " ")}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every version of a port's contract, and the semantic diff between any two of them. */
export function VersionsPanel({ versions, basePath, selectedId }: { versions: VersionSummary[]; basePath: string; selectedId: string | null }) {
  // versions arrive newest first; by default compare the shown version with the one before it
  const toIndex = Math.max(0, versions.findIndex((v) => v.id === selectedId));
  const [toId, setToId] = useState(versions[toIndex]?.id ?? "");
  const [fromId, setFromId] = useState(versions[toIndex + 1]?.id ?? versions[toIndex]?.id ?? "");
  const diff = useQuery({
    queryKey: ["contract-diff", toId, fromId],
    queryFn: () => apiRequest<ContractDiff>(`/api/v1/contracts/${toId}/diff?against=${fromId}`),
    enabled: versions.length > 1 && toId !== fromId,
    placeholderData: keepPreviousData,
  });
  const compare = (from: string, to: string) => {
    setFromId(from);
    setToId(to);
    document.getElementById("compare-versions")?.scrollIntoView({ block: "start" });
  };

  return (
    <div className="space-y-6">
      <Section title="Versions" description="Newest first. Activating a version deprecates the one before it.">
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="contract-versions">
            <thead className="border-b border-slate-100 bg-slate-50/60">
              <tr>
                <th scope="col" className={th}>Version</th>
                <th scope="col" className={th}>Status</th>
                <th scope="col" className={th}>Schema</th>
                <th scope="col" className={th}>Published</th>
                <th scope="col" className={th}>Published by</th>
                <th scope="col" className={th}>Activated</th>
                <th scope="col" className={th}>Changes</th>
                <th scope="col" className={th}>Notes</th>
                <th scope="col" className={th}>
                  <span className="sr-only">Links</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((v, i) => (
                <tr key={v.id} data-testid="contract-version" data-version={v.version} className={v.id === selectedId ? "bg-brand-50/40" : undefined}>
                  <td className={td}>
                    <Link href={`${basePath}?version=${encodeURIComponent(v.version)}`} className="font-mono font-medium text-brand-700 hover:underline">
                      {v.version}
                    </Link>
                  </td>
                  <td className={td}>
                    <VersionStatusBadge status={v.status} />
                  </td>
                  <td className={`${td} text-xs text-slate-600`}>
                    {v.schemaType === "JSON" ? "JSON Schema" : "Avro"}
                    {v.customSchema && <span className="block text-slate-400">hand-written</span>}
                  </td>
                  <td className={`${td} text-xs whitespace-nowrap text-slate-600`}>{formatDateTime(v.createdAt)}</td>
                  <td className={`${td} text-xs whitespace-nowrap text-slate-700`} data-testid="published-by">
                    {v.publishedBy ?? <span className="text-slate-500">Unknown</span>}
                  </td>
                  <td className={`${td} text-xs whitespace-nowrap text-slate-600`}>{v.activatedAt ? formatDateTime(v.activatedAt) : <span className="text-slate-400">—</span>}</td>
                  <td className={td}>
                    <ChangeSummary changes={v.changes} />
                  </td>
                  <td className={`${td} max-w-xs text-xs`}>
                    {v.externalSyncError && (
                      <p className="text-red-700" data-testid="external-sync-error">
                        <span className="font-medium">Registry sync failed:</span> {v.externalSyncError}
                      </p>
                    )}
                    {v.decisionNote && <p className="text-slate-600">“{v.decisionNote}”</p>}
                    {!v.externalSyncError && !v.decisionNote && <span className="text-slate-400">—</span>}
                  </td>
                  <td className={`${td} text-xs whitespace-nowrap`}>
                    <Link href={`${basePath}?tab=yaml&version=${encodeURIComponent(v.version)}`} className="text-brand-700 underline-offset-2 hover:underline" aria-label={`YAML of version ${v.version}`}>
                      YAML
                    </Link>
                    {i + 1 < versions.length && (
                      <button type="button" onClick={() => compare(versions[i + 1].id, v.id)} className="ml-3 text-brand-700 underline-offset-2 hover:underline" aria-label={`Compare version ${v.version} with ${versions[i + 1].version}`}>
                        Compare
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section
        id="compare-versions"
        title="Compare versions"
        description="The semantic diff (fields, types, nullability, keys, quality rules and SLA; breaking changes are red) beside the YAML text diff."
        action={
          versions.length > 1 ? (
            <div className="flex flex-wrap items-center gap-3">
              <VersionSelect label="From" value={fromId} onChange={setFromId} versions={versions} testId="diff-from" />
              <span aria-hidden className="text-slate-400">→</span>
              <VersionSelect label="To" value={toId} onChange={setToId} versions={versions} testId="diff-to" />
            </div>
          ) : undefined
        }
      >
        <div data-testid="contract-diff" className="pb-3">
          {versions.length < 2 ? (
            <p className="px-5 py-3 text-sm text-slate-500">There is only one version, so there is nothing to compare yet.</p>
          ) : toId === fromId ? (
            <p className="px-5 py-3 text-sm text-slate-500">Pick two different versions to compare.</p>
          ) : diff.isError ? (
            <p role="alert" className="px-5 py-3 text-sm text-red-700">{diff.error.message}</p>
          ) : !diff.data ? (
            <div className="space-y-2 px-5 py-3">
              <Skeleton className="h-4 w-1/3" />
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          ) : (
            <div className={diff.isFetching ? "opacity-60 transition-opacity" : undefined}>
              <p className="px-5 pt-3 text-sm text-slate-700">
                From <span className="font-mono font-medium">{diff.data.from}</span> to <span className="font-mono font-medium">{diff.data.to}</span>
              </p>
              <div className="grid gap-4 xl:grid-cols-2">
                <div className="min-w-0">
                  <h3 className="px-5 pt-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">Semantic changes</h3>
                  <ContractChanges changes={diff.data.changes} emptyText="These versions do not differ in schema, quality rules or SLA." />
                </div>
                <div className="min-w-0 xl:border-l xl:border-slate-100">
                  <h3 className="px-5 pt-3 text-xs font-semibold tracking-wide text-slate-600 uppercase">YAML text</h3>
                  <YamlTextDiff hunks={diff.data.yamlDiff} from={diff.data.from} to={diff.data.to} />
                </div>
              </div>
            </div>
          )}
        </div>
      </Section>
    </div>
  );
}
