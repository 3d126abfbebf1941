"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { inputClass } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { useDebounced } from "@/components/ui/use-debounced";

type Person = { id: string; name: string; email: string; role: "user" | "steward" | "admin"; memberships: { role: "owner" | "member"; team: { id: string; name: string; domain: { name: string } } }[] };
type People = { items: Person[]; total: number; page: number; pageSize: number };

const ROLE_HELP = "user: discovers, registers for their teams and requests access · steward: governance, every draft, audit log · admin: everything, including this page";

/** Admin → People: search everyone, see their teams, change their role (audited). */
export function PeopleAdmin() {
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const debounced = useDebounced(q, 200);
  const people = useQuery({
    queryKey: ["admin-people", debounced, page],
    queryFn: () => apiRequest<People>(`/api/v1/users?${new URLSearchParams({ q: debounced, page: String(page) })}`),
    placeholderData: keepPreviousData,
  });
  const pages = people.data ? Math.max(1, Math.ceil(people.data.total / people.data.pageSize)) : 1;

  return (
    <div className="space-y-4" data-testid="people-admin">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="block w-full max-w-sm text-sm font-medium text-slate-800">
          Find a person
          <input type="search" value={q} onChange={(e) => { setQ(e.target.value); setPage(1); }} placeholder="Name or e-mail" className={`${inputClass} mt-1`} />
        </label>
        <p className="text-sm text-slate-600" aria-live="polite">
          {people.data ? `${people.data.total} ${people.data.total === 1 ? "person" : "people"}` : "Loading…"}
        </p>
      </div>
      <p className="text-xs text-slate-600">{ROLE_HELP}</p>
      {people.isError && <p role="alert" className="text-sm text-red-700">{errorMessage(people.error)}</p>}
      <Card>
        {people.isPending ? (
          <div className="space-y-2 p-5"><Skeleton className="h-6 w-full" /><Skeleton className="h-6 w-full" /></div>
        ) : people.data?.items.length === 0 ? (
          <EmptyState compact icon={null} title="Nobody matches">Try part of the name or of the e-mail address.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {people.data?.items.map((p) => <PersonRow key={p.id} person={p} />)}
          </ul>
        )}
      </Card>
      {pages > 1 && (
        <nav aria-label="People pages" className="flex items-center justify-end gap-3 text-sm">
          <button type="button" className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-60" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {page} of {pages}</span>
          <button type="button" className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-60" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      )}
    </div>
  );
}

function PersonRow({ person }: { person: Person }) {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (role: Person["role"]) => apiRequest<Person>(`/api/v1/users/${person.id}`, { method: "PATCH", json: { role } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin-people"] }),
  });
  const selectId = `role-${person.id}`;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3" data-testid="person-row">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-slate-900">{person.name}</p>
        <p className="text-sm break-all text-slate-600">{person.email}</p>
        <p className="mt-0.5 text-xs text-slate-600">
          {person.memberships.length === 0 ? "In no team" : person.memberships.map((m) => `${m.team.domain.name} / ${m.team.name} (${m.role})`).join(" · ")}
        </p>
      </div>
      <div className="text-sm">
        <label htmlFor={selectId} className="sr-only">
          Role of {person.name}
        </label>
        <select id={selectId} value={change.isPending ? change.variables : person.role} disabled={change.isPending} onChange={(e) => change.mutate(e.target.value as Person["role"])} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
          <option value="user">user</option>
          <option value="steward">steward</option>
          <option value="admin">admin</option>
        </select>
        {change.isError && <p role="alert" className="mt-1 max-w-xs text-xs text-red-700">{errorMessage(change.error)}</p>}
        {change.isSuccess && <p className="mt-1 text-xs text-emerald-700" role="status">Saved: now {change.data.role}</p>}
      </div>
    </li>
  );
}
