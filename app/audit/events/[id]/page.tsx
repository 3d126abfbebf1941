import type { ReactNode } from "react";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AuditDiff } from "@/components/audit/audit-diff";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import { getAuditEvent } from "@/lib/audit/get-audit-event";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";
import { MeshworkError } from "@/lib/errors";

export const metadata = { title: "Audit event" };

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor();
  if (!isSteward(actor)) forbidden();
  const { id } = await params;
  const event = await getAuditEvent(actor, id).catch((error: unknown) => {
    if (error instanceof MeshworkError && error.code === "not_found") notFound();
    throw error;
  });
  const rows: [string, ReactNode][] = [
    ["Time", formatDateTime(event.at)],
    ["Actor", event.actorLabel],
    ["Action", event.action],
    [
      "Entity",
      <>
        {event.entityType} {event.entityId}
        {event.entity && (
          <Link href={event.entity.href} className="ml-2 font-sans font-medium text-brand-700 underline underline-offset-2 hover:no-underline" data-testid="audit-entity-link">
            {event.entity.name}
          </Link>
        )}
      </>,
    ],
    ["Chain position", event.seq ? `#${event.seq}` : "not sealed yet"],
    ["Previous hash", event.prevHash ?? "—"],
    ["Hash", event.hash ?? "—"],
  ];
  return (
    <div className="space-y-6">
      <header>
        <Breadcrumbs items={[{ label: "Audit log", href: "/audit" }, { label: "Event" }]} />
        <h1 className="mt-3 text-2xl font-semibold tracking-tight text-slate-900">Audit event {event.id}</h1>
        <p className="mt-1 text-sm text-slate-700">{event.summary}</p>
      </header>
      <Card className="p-5">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]" data-testid="audit-event-fields">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd className="break-all font-mono text-xs leading-5 text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card className="p-5">
        <h2 className="mb-3 text-sm font-semibold text-slate-900">What it changed</h2>
        <AuditDiff before={event.before} after={event.after} />
      </Card>
    </div>
  );
}
