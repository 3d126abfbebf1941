"use client";

import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { apiRequest, errorMessage } from "@/components/ui/api-request";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorSummary } from "@/components/forms/error-summary";
import { collectProblems, email as emailProblem, fieldTargets, length, required } from "@/components/forms/form-problems";
import { useFormValidation } from "@/components/forms/use-form-validation";
import { Field, inputClass, primaryButton, secondaryButton } from "@/components/ui/field";
import { slugProblem } from "@/lib/catalog/descriptor-rules";
import { OrgEntityActions } from "./org-entity-actions";
import { TeamPrincipals } from "./team-principals";
import { useSluggedName } from "./use-slugged-name";

type DomainSummary = { id: string; slug: string; name: string; description: string; teams: { id: string; slug: string; name: string }[] };
type Member = { userId: string; role: "owner" | "member"; user: { id: string; name: string; email: string } };
type DomainDetail = Omit<DomainSummary, "teams"> & { teams: { id: string; slug: string; name: string; description: string; contactEmail: string | null; kafkaPrincipal?: string | null; postgresRole?: string | null; memberships: Member[] }[] };
/** Each team's default principals, by team id, as the server computes them. */
export type PrincipalDefaults = Record<string, { kafkaPrincipal: string; postgresRole: string }>;

/** Domains → teams → members, with forms to create domains and teams and to manage membership. */
export function AdminConsole({ principalDefaults = {} }: { principalDefaults?: PrincipalDefaults }) {
  const domains = useQuery({ queryKey: ["domains"], queryFn: () => apiRequest<{ items: DomainSummary[] }>("/api/v1/domains").then((r) => r.items) });
  const details = useQueries({
    queries: (domains.data ?? []).map((d) => ({ queryKey: ["domain", d.slug], queryFn: () => apiRequest<DomainDetail>(`/api/v1/domains/${d.slug}`) })),
  });

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {/* min-w-0: a grid column otherwise grows to its widest content (a long principal, an e-mail) and the page scrolls sideways on a phone. */}
      <div className="min-w-0 space-y-6 lg:sticky lg:top-6 lg:col-span-1 lg:self-start">
        <CreateDomainForm />
        <CreateTeamForm domains={domains.data ?? []} />
      </div>
      <div className="min-w-0 space-y-4 lg:col-span-2" data-testid="org-tree">
        {domains.isPending && <Skeleton className="h-40 w-full" />}
        {domains.isError && <p className="text-sm text-red-600">{errorMessage(domains.error)}</p>}
        {domains.data?.length === 0 && <EmptyState title="No domains yet">Create the first domain on the left, then add teams to it.</EmptyState>}
        {domains.data?.map((d, i) => (
          <DomainCard key={d.id} domain={d} detail={details[i]?.data} loading={details[i]?.isPending ?? true} principalDefaults={principalDefaults} />
        ))}
      </div>
    </div>
  );
}

function DomainCard({ domain, detail, loading, principalDefaults }: { domain: DomainSummary; detail?: DomainDetail; loading: boolean; principalDefaults: PrincipalDefaults }) {
  return (
    <Card testId={`domain-${domain.slug}`}>
      <header className="flex flex-wrap items-baseline justify-between gap-3 border-b border-slate-100 px-5 py-3.5">
        <div className="min-w-0">
          <h2 className="font-semibold text-slate-900">{domain.name}</h2>
          {domain.description && <p className="mt-0.5 text-sm text-slate-500">{domain.description}</p>}
        </div>
        <span className="flex items-center gap-3">
          <span className="font-mono text-xs text-slate-600">{domain.slug}</span>
          <OrgEntityActions kind="domain" url={`/api/v1/domains/${domain.slug}`} name={domain.name} description={domain.description} />
        </span>
      </header>
      {domain.teams.length === 0 && <p className="px-5 py-4 text-sm text-slate-500">No teams yet.</p>}
      <ul className="divide-y divide-slate-100">
        {(detail?.teams ?? domain.teams.map((t) => ({ ...t, description: "", contactEmail: null, memberships: [] as Member[] }))).map((team) => (
          <TeamRow key={team.id} domainSlug={domain.slug} team={team} loading={loading} defaults={principalDefaults[team.id]} />
        ))}
      </ul>
    </Card>
  );
}

function TeamRow({ domainSlug, team, loading, defaults }: { domainSlug: string; team: DomainDetail["teams"][number]; loading: boolean; defaults?: PrincipalDefaults[string] }) {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"owner" | "member">("member");
  const [removing, setRemoving] = useState<Member | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["domain", domainSlug] });

  const idBase = `team-${team.id}`;
  const form = useFormValidation(collectProblems([[`${idBase}-email`, "E-mail", required(email, "is required: the e-mail of the person to add") ?? emailProblem(email)]]));
  const add = useMutation({
    mutationFn: () => apiRequest(`/api/v1/teams/${team.id}/members`, { method: "POST", json: { email: email.trim(), role } }),
    onSuccess: async () => {
      setEmail("");
      form.reset();
      await refresh();
    },
    onError: (error) => form.serverError(error, fieldTargets({ email: { id: `${idBase}-email`, label: "E-mail" }, role: { id: `${idBase}-role`, label: "Role" } })),
  });
  const remove = useMutation({
    mutationFn: (m: Member) => apiRequest(`/api/v1/teams/${team.id}/members/${m.user.id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  return (
    <li className="px-5 py-4" data-testid={`team-${domainSlug}-${team.slug}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="min-w-0 text-sm font-semibold break-words text-slate-800">
          {team.name} <span className="ml-1 font-mono text-xs font-normal text-slate-600">{team.slug}</span>
        </h3>
        <span className="flex min-w-0 flex-wrap items-center gap-3">
          {team.contactEmail && <span className="min-w-0 text-xs break-all text-slate-600">{team.contactEmail}</span>}
          <OrgEntityActions kind="team" url={`/api/v1/teams/${team.id}`} name={team.name} description={team.description} />
        </span>
      </div>
      {loading ? (
        <Skeleton className="mt-3 h-8 w-2/3" />
      ) : team.memberships.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No members yet.</p>
      ) : (
        <ul className="mt-2 space-y-1" aria-label={`Members of ${team.name}`}>
          {team.memberships.map((m) => (
            <li key={m.user.id} className="group flex items-center justify-between gap-3 rounded-md px-2 py-1.5 hover:bg-slate-50">
              <span className="flex min-w-0 items-center gap-2.5">
                <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
                  {m.user.name.slice(0, 1).toUpperCase()}
                </span>
                <span className="min-w-0">
                  <span className="block truncate text-sm text-slate-800">{m.user.name}</span>
                  <span className="block truncate text-xs text-slate-500">{m.user.email}</span>
                </span>
                <Badge tone={m.role === "owner" ? "violet" : "slate"}>{m.role}</Badge>
              </span>
              <button type="button" onClick={() => setRemoving(m)} className="text-xs font-medium text-slate-400 hover:text-red-600" aria-label={`Remove ${m.user.email} from ${team.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="mt-3 flex flex-wrap items-start gap-2" {...form.formProps(() => add.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId={`${idBase}-errors`} headingLevel={3} />
        <Field id={`${idBase}-email`} label={`E-mail of the person to add to ${team.name}`} srOnlyLabel required error={form.error(`${idBase}-email`)} className="min-w-0 flex-1 basis-56">
          <input id={`${idBase}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="person@company.com" className={`${inputClass} py-1.5`} {...form.control(`${idBase}-email`, { required: true })} />
        </Field>
        <Field id={`${idBase}-role`} label={`Role in ${team.name}`} srOnlyLabel error={form.error(`${idBase}-role`)}>
          <select id={`${idBase}-role`} value={role} onChange={(e) => setRole(e.target.value as "owner" | "member")} className={`${inputClass} py-1.5`}>
            <option value="member">Member</option>
            <option value="owner">Owner</option>
          </select>
        </Field>
        <button type="submit" disabled={add.isPending} className={`${secondaryButton} py-1.5`} aria-label={`Add to ${team.name}`}>
          {add.isPending ? "Adding…" : "Add member"}
        </button>
      </form>
      {!loading && defaults && <TeamPrincipals key={`${team.kafkaPrincipal}|${team.postgresRole}`} team={team} current={{ kafkaPrincipal: team.kafkaPrincipal ?? null, postgresRole: team.postgresRole ?? null }} defaults={defaults} domainSlug={domainSlug} />}
      <ConfirmDialog
        open={!!removing}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        title={`Remove ${removing?.user.name ?? ""} from ${team.name}?`}
        description="They lose access to the team’s drafts and can no longer edit its products."
        testId="remove-member-dialog"
        confirmLabel="Remove member"
        pendingLabel="Removing…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </li>
  );
}

function CreateDomainForm() {
  const queryClient = useQueryClient();
  const named = useSluggedName();
  const [description, setDescription] = useState("");
  const form = useFormValidation(
    collectProblems([
      ["domain-name", "Domain name", length(named.name, 2, 80)],
      ["domain-slug", "Domain slug", slugProblem(named.slug)],
      ["domain-description", "Domain description", description.length > 2000 ? "must be at most 2000 characters" : undefined],
    ]),
  );
  const create = useMutation({
    mutationFn: () => apiRequest<DomainSummary>("/api/v1/domains", { method: "POST", json: { name: named.name, slug: named.slug, description } }),
    onSuccess: async () => {
      named.reset();
      setDescription("");
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ["domains"] });
    },
    onError: (error) => form.serverError(error, fieldTargets({ name: { id: "domain-name", label: "Domain name" }, slug: { id: "domain-slug", label: "Domain slug" }, description: { id: "domain-description", label: "Domain description" } })),
  });
  const errors = form.error;
  return (
    <Card className="p-5" testId="create-domain">
      <h2 className="font-semibold text-slate-900">New domain</h2>
      <p className="mt-0.5 text-sm text-slate-500">A business area that owns data products, e.g. Orders or Payments.</p>
      <form className="mt-4 space-y-3" {...form.formProps(() => create.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId="create-domain-errors" headingLevel={3} />
        <Field id="domain-name" label="Domain name" required error={errors("domain-name")}>
          <input id="domain-name" value={named.name} onChange={(e) => named.setName(e.target.value)} placeholder="Customer" className={inputClass} {...form.control("domain-name", { required: true })} />
        </Field>
        <Field id="domain-slug" label="Domain slug" required error={errors("domain-slug")} hint="Used in URLs and URNs; cannot be changed later.">
          <input id="domain-slug" value={named.slug} onChange={(e) => named.setSlug(e.target.value)} placeholder="customer" className={`${inputClass} font-mono`} {...form.control("domain-slug", { hint: true, required: true })} />
        </Field>
        <Field id="domain-description" label="Domain description" error={errors("domain-description")}>
          <textarea id="domain-description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} className={inputClass} {...form.control("domain-description")} />
        </Field>
        {create.isSuccess && <p role="status" className="text-sm text-emerald-700">Domain {create.data.name} created.</p>}
        <button type="submit" disabled={create.isPending} className={`${primaryButton} w-full`}>
          {create.isPending ? "Creating…" : "Create domain"}
        </button>
      </form>
    </Card>
  );
}

function CreateTeamForm({ domains }: { domains: DomainSummary[] }) {
  const queryClient = useQueryClient();
  const named = useSluggedName();
  const [domain, setDomain] = useState("");
  const [contactEmail, setContactEmail] = useState("");
  const form = useFormValidation(
    collectProblems([
      ["team-domain", "Team domain", domain ? undefined : "is required: choose the domain the team belongs to"],
      ["team-name", "Team name", length(named.name, 2, 80)],
      ["team-slug", "Team slug", slugProblem(named.slug)],
      ["team-contact", "Contact e-mail", contactEmail.trim() ? emailProblem(contactEmail) : undefined],
    ]),
  );
  const create = useMutation({
    mutationFn: () => apiRequest<{ name: string }>("/api/v1/teams", { method: "POST", json: { domain, name: named.name, slug: named.slug, ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}) } }),
    onSuccess: async () => {
      named.reset();
      setContactEmail("");
      form.reset();
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["domains"] }), queryClient.invalidateQueries({ queryKey: ["domain", domain] })]);
    },
    onError: (error) => form.serverError(error, fieldTargets({ domain: { id: "team-domain", label: "Team domain" }, name: { id: "team-name", label: "Team name" }, slug: { id: "team-slug", label: "Team slug" }, contactEmail: { id: "team-contact", label: "Contact e-mail" } })),
  });
  const errors = form.error;
  return (
    <Card className="p-5" testId="create-team">
      <h2 className="font-semibold text-slate-900">New team</h2>
      <p className="mt-0.5 text-sm text-slate-500">Teams own products; their owners approve access requests.</p>
      <form className="mt-4 space-y-3" {...form.formProps(() => create.mutate())}>
        <ErrorSummary focusKey={form.focusKey} problems={form.summary} testId="create-team-errors" headingLevel={3} />
        <Field id="team-domain" label="Team domain" required error={errors("team-domain")}>
          <select id="team-domain" value={domain} onChange={(e) => setDomain(e.target.value)} className={inputClass} {...form.control("team-domain", { required: true })}>
            <option value="">Choose a domain…</option>
            {domains.map((d) => (
              <option key={d.id} value={d.slug}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="team-name" label="Team name" required error={errors("team-name")}>
          <input id="team-name" value={named.name} onChange={(e) => named.setName(e.target.value)} placeholder="Customer Identity" className={inputClass} {...form.control("team-name", { required: true })} />
        </Field>
        <Field id="team-slug" label="Team slug" required error={errors("team-slug")}>
          <input id="team-slug" value={named.slug} onChange={(e) => named.setSlug(e.target.value)} placeholder="customer-identity" className={`${inputClass} font-mono`} {...form.control("team-slug", { required: true })} />
        </Field>
        <Field id="team-contact" label="Contact e-mail (optional)" error={errors("team-contact")}>
          <input id="team-contact" type="email" value={contactEmail} onChange={(e) => setContactEmail(e.target.value)} placeholder="team@company.com" className={inputClass} {...form.control("team-contact")} />
        </Field>
        {create.isSuccess && <p role="status" className="text-sm text-emerald-700">Team {create.data.name} created.</p>}
        <button type="submit" disabled={create.isPending} className={`${primaryButton} w-full`}>
          {create.isPending ? "Creating…" : "Create team"}
        </button>
      </form>
    </Card>
  );
}
