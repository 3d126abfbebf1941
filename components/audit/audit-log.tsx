"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Fragment, useState } from "react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format-date";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { useDebounced } from "@/components/ui/use-debounced";
import { inputClass, secondaryButton } from "@/components/ui/field";
import { CopyableId } from "@/components/ui/copyable-id";
import { AuditDiff } from "./audit-diff";

type AuditEvent = { id: string; at: string; actorLabel: string; action: string; entityType: string; entityId: string; summary: string; before: unknown; after: unknown; entity: { href: string; name: string } | null };
type AuditPage = { items: AuditEvent[]; total: number; page: number; pageSize: number };

const PAGE_SIZE = 25;
const ACTION_PREFIXES = ["product.", "contract.", "team.", "domain.", "token.", "registry.", "port."];
const ENTITY_TYPES = [
  { value: "data_product", label: "Data product" },
  { value: "contract_version", label: "Contract version" },
  { value: "port", label: "Port" },
  { value: "domain", label: "Domain" },
  { value: "team", label: "Team" },
  { value: "api_token", label: "API token" },
  { value: "registry_subject", label: "Registry subject" },
];

// A day picked in the browser is a day in the viewer's time zone: its first and last millisecond, as instants.
const startOfDay = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : "");
const endOfDay = (day: string) => (day ? new Date(`${day}T23:59:59.999`).toISOString() : "");

/** The audit log: filterable (by date range too), paged, exportable as CSV, each event expandable to its before/after diff. */
export function AuditLog() {
  const [action, setAction] = useState("");
  const [entityType, setEntityType] = useState("");
  const [actor, setActor] = useState("");
  const [fromDay, setFromDay] = useState("");
  const [toDay, setToDay] = useState("");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const filters = useDebounced({ action: action.trim(), entityType, actor: actor.trim(), from: startOfDay(fromDay), to: endOfDay(toDay) }, 300);

  const filterParams = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) filterParams.set(key, value);
  const params = new URLSearchParams({ ...Object.fromEntries(filterParams), page: String(page), pageSize: String(PAGE_SIZE) });
  const events = useQuery({
    queryKey: ["audit-events", params.toString()],
    queryFn: () => apiRequest<AuditPage>(`/api/v1/audit-events?${params}`),
    placeholderData: keepPreviousData,
  });

  const resetPage = () => {
    setPage(1);
    setOpen(null);
  };
  const total = events.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(page * PAGE_SIZE, total);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-4">
      <Card className="p-4">
        <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" onSubmit={(e) => e.preventDefault()} role="search" aria-label="Filter audit events">
          <div>
            <label htmlFor="audit-action" className="mb-1 block text-xs font-medium text-slate-600">Action prefix</label>
            <input id="audit-action" list="audit-action-prefixes" value={action} onChange={(e) => { setAction(e.target.value); resetPage(); }} placeholder="e.g. product." className={inputClass} />
            <datalist id="audit-action-prefixes">
              {ACTION_PREFIXES.map((p) => <option key={p} value={p} />)}
            </datalist>
          </div>
          <div>
            <label htmlFor="audit-entity-type" className="mb-1 block text-xs font-medium text-slate-600">Entity type</label>
            <select id="audit-entity-type" value={entityType} onChange={(e) => { setEntityType(e.target.value); resetPage(); }} className={inputClass}>
              <option value="">Any entity</option>
              {ENTITY_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="audit-actor" className="mb-1 block text-xs font-medium text-slate-600">Actor</label>
            <input id="audit-actor" type="search" value={actor} onChange={(e) => { setActor(e.target.value); resetPage(); }} placeholder="Name or e-mail" className={inputClass} />
          </div>
          <div>
            <label htmlFor="audit-from" className="mb-1 block text-xs font-medium text-slate-600">From</label>
            <input id="audit-from" type="date" value={fromDay} max={toDay || undefined} onChange={(e) => { setFromDay(e.target.value); resetPage(); }} className={inputClass} />
          </div>
          <div>
            <label htmlFor="audit-to" className="mb-1 block text-xs font-medium text-slate-600">To</label>
            <input id="audit-to" type="date" value={toDay} min={fromDay || undefined} onChange={(e) => { setToDay(e.target.value); resetPage(); }} className={inputClass} />
          </div>
          <div className="flex items-end gap-2">
            <button type="button" disabled={!action && !entityType && !actor && !fromDay && !toDay} onClick={() => { setAction(""); setEntityType(""); setActor(""); setFromDay(""); setToDay(""); resetPage(); }} className={`${secondaryButton} flex-1`}>
              Clear filters
            </button>
            <a href={`/api/v1/audit-events/export?${filterParams}`} download data-testid="audit-export" className={`${secondaryButton} flex-1 text-center`}>
              Export CSV
            </a>
          </div>
        </form>
      </Card>

      {events.isError && <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">{errorMessage(events.error)}</p>}

      {events.data && events.data.items.length === 0 ? (
        <EmptyState title={filtered ? "No events match these filters" : "No audit events yet"}>{filtered ? "Try a shorter action prefix or clear the filters." : "Changes to products, teams and tokens will show up here."}</EmptyState>
      ) : (
        <Card className="overflow-hidden">
          {/* On a phone the table scrolls in its own frame (focusable, so a keyboard can scroll it too). */}
          <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Audit events">
            <table className="w-full text-sm" data-testid="audit-table">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="w-8 px-3 py-2.5"><span className="sr-only">Details</span></th>
                  <th className="px-3 py-2.5">Time</th>
                  <th className="px-3 py-2.5">Actor</th>
                  <th className="px-3 py-2.5">Action</th>
                  <th className="px-3 py-2.5">Entity</th>
                  <th className="px-3 py-2.5">Summary</th>
                </tr>
              </thead>
              <tbody className={`divide-y divide-slate-100 ${events.isPlaceholderData ? "opacity-60" : ""}`}>
                {events.isPending &&
                  Array.from({ length: 5 }, (_, i) => (
                    <tr key={i}><td colSpan={6} className="px-3 py-3"><div className="h-4 animate-pulse rounded bg-slate-100" /></td></tr>
                  ))}
                {events.data?.items.map((e) => {
                  const expanded = open === e.id;
                  return (
                    <Fragment key={e.id}>
                      <tr className={`cursor-pointer align-top hover:bg-slate-50 ${expanded ? "bg-slate-50" : ""}`} onClick={() => setOpen(expanded ? null : e.id)} data-testid="audit-row">
                        <td className="px-3 py-2.5">
                          <button type="button" aria-expanded={expanded} aria-controls={`audit-${e.id}`} aria-label={`${expanded ? "Hide" : "Show"} changes of event ${e.id}`} onClick={(ev) => { ev.stopPropagation(); setOpen(expanded ? null : e.id); }} className="grid h-5 w-5 place-items-center rounded text-slate-400 hover:bg-slate-200 hover:text-slate-700">
                            <svg aria-hidden viewBox="0 0 16 16" className={`h-3.5 w-3.5 transition-transform ${expanded ? "rotate-90" : ""}`} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="m6 4 4 4-4 4" /></svg>
                          </button>
                        </td>
                        <td className="whitespace-nowrap px-3 py-2.5 text-slate-600">{formatDateTime(e.at)}</td>
                        <td className="max-w-[14rem] truncate px-3 py-2.5 text-slate-700" title={e.actorLabel}>{e.actorLabel.replace(/\s*<.*>$/, "")}</td>
                        <td className="whitespace-nowrap px-3 py-2.5"><code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{e.action}</code></td>
                        <td className="px-3 py-2.5 text-xs text-slate-600">
                          <span className="block">{e.entityType}</span>
                          {e.entity ? (
                            <Link href={e.entity.href} onClick={(ev) => ev.stopPropagation()} title={e.entityId} className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline" data-testid="audit-entity-link">
                              {e.entity.name}
                            </Link>
                          ) : (
                            <span className="block max-w-[12rem]" onClick={(ev) => ev.stopPropagation()}>
                              <CopyableId value={e.entityId} label={`id of ${e.entityType}`} />
                            </span>
                          )}
                        </td>
                        <td className="px-3 py-2.5 text-slate-800">{e.summary}</td>
                      </tr>
                      {expanded && (
                        <tr id={`audit-${e.id}`} className="bg-slate-50/70">
                          <td />
                          <td colSpan={5} className="px-3 pb-4 pt-1">
                            <p className="mb-2 text-xs text-slate-500">By {e.actorLabel} · <Link href={`/audit/events/${e.id}`} className="underline">event #{e.id}</Link></p>
                            <AuditDiff before={e.before} after={e.after} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="flex items-center justify-between border-t border-slate-200 bg-white px-4 py-3 text-sm" aria-label="Audit log pages">
            <p className="text-slate-500" data-testid="audit-range">{total === 0 ? "No events" : `Showing ${from}–${to} of ${total}`}</p>
            <div className="flex items-center gap-2">
              <button type="button" disabled={page <= 1 || events.isFetching} onClick={() => { setPage(page - 1); setOpen(null); }} className={`${secondaryButton} py-1.5`}>Previous</button>
              <span className="text-slate-500">Page {page} of {pages}</span>
              <button type="button" disabled={page >= pages || events.isFetching} onClick={() => { setPage(page + 1); setOpen(null); }} className={`${secondaryButton} py-1.5`}>Next</button>
            </div>
          </nav>
        </Card>
      )}
    </div>
  );
}
