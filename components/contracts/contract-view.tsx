import type { ReactNode } from "react";
import type { OdcsContract, QualityRule, SchemaObject, SupportChannel, TeamMember } from "@/lib/contracts/contract-types";
import { Badge, Tag } from "@/components/ui/badge";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { describeMetric, describeSlaValue, describeThreshold, flattenProperties, isPersonalData, slaLabel } from "./describe-contract";
import { ExternalLink } from "@/components/ui/external-link";

const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-500";
const td = "px-3 py-2 align-top";
const none = <span className="text-slate-300">—</span>;

function Check({ on, label }: { on?: boolean; label: string }) {
  return on ? (
    <span title={label} className="text-emerald-600">
      <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="m3.5 8.5 3 3 6-7" />
      </svg>
      <span className="sr-only">{label}</span>
    </span>
  ) : (
    none
  );
}

function PersonalDataMark() {
  return (
    <Badge tone="amber" title="Personal data" testId="field-personal-data">
      Personal data
    </Badge>
  );
}

function FieldsTable({ object }: { object: SchemaObject }) {
  const rows = flattenProperties(object.properties);
  if (rows.length === 0) return <EmptyState compact icon={null} title="No fields described" />;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="contract-fields">
        <thead className="border-y border-slate-100 bg-slate-50/60">
          <tr>
            <th scope="col" className={`${th} pl-5`}>Field</th>
            <th scope="col" className={th}>Logical type</th>
            <th scope="col" className={th}>Physical type</th>
            <th scope="col" className={th}>Description</th>
            <th scope="col" className={`${th} text-center`}>Required</th>
            <th scope="col" className={`${th} text-center`}>Unique</th>
            <th scope="col" className={`${th} text-center`}>Primary key</th>
            <th scope="col" className={th}>Classification</th>
            <th scope="col" className={`${th} pr-5`}>Tags</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(({ key, depth, name, property: p }) => (
            <tr key={key} data-testid="contract-field" data-field={name} className="hover:bg-slate-50/60">
              <td className={`${td} pl-5`}>
                <div className="flex items-center gap-2" style={{ paddingLeft: `${depth * 1.25}rem` }}>
                  {depth > 0 && <span aria-hidden className="text-slate-300">└</span>}
                  <code className="font-mono text-[13px] font-medium text-slate-900">{name}</code>
                  {isPersonalData(p) && <PersonalDataMark />}
                </div>
                {p.businessName && <p className="mt-0.5 text-xs text-slate-500" style={{ paddingLeft: `${depth * 1.25}rem` }}>{p.businessName}</p>}
              </td>
              <td className={td}>{p.logicalType ? <span className="font-mono text-xs text-violet-700">{p.logicalType}</span> : none}</td>
              <td className={td}>{p.physicalType ? <span className="font-mono text-xs text-slate-600">{p.physicalType}</span> : none}</td>
              <td className={`${td} max-w-sm min-w-48 text-slate-600`}>{p.description || none}</td>
              <td className={`${td} text-center`}><span className="inline-flex justify-center"><Check on={p.required} label="Required" /></span></td>
              <td className={`${td} text-center`}><span className="inline-flex justify-center"><Check on={p.unique} label="Unique" /></span></td>
              <td className={`${td} text-center`}>
                {p.primaryKey ? <Badge tone="blue" title="Primary key">PK{p.primaryKeyPosition && p.primaryKeyPosition > 0 ? ` ${p.primaryKeyPosition}` : ""}</Badge> : none}
              </td>
              <td className={td}>{p.classification ? <span className="text-xs text-slate-700">{p.classification}</span> : none}</td>
              <td className={`${td} pr-5`}>
                {p.tags && p.tags.length > 0 ? (
                  <div className="flex flex-wrap gap-1">
                    {p.tags.map((t) => (
                      <Tag key={t}>{t}</Tag>
                    ))}
                  </div>
                ) : (
                  none
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type ScopedRule = { scope: string; rule: QualityRule };

function collectRules(object: SchemaObject): ScopedRule[] {
  const own = (object.quality ?? []).map((rule) => ({ scope: "", rule }));
  const fields = flattenProperties(object.properties).flatMap(({ path, property }) => (property.quality ?? []).map((rule) => ({ scope: path, rule })));
  return [...own, ...fields];
}

function QualityTable({ rules }: { rules: ScopedRule[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="contract-quality">
        <thead className="border-y border-slate-100 bg-slate-50/60">
          <tr>
            <th scope="col" className={`${th} pl-5`}>Applies to</th>
            <th scope="col" className={th}>Type</th>
            <th scope="col" className={th}>Metric / rule</th>
            <th scope="col" className={th}>Threshold</th>
            <th scope="col" className={th}>Dimension</th>
            <th scope="col" className={`${th} pr-5`}>Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rules.map(({ scope, rule }, i) => (
            <tr key={i} data-testid="quality-rule">
              <td className={`${td} pl-5`}>{scope ? <code className="font-mono text-xs text-slate-800">{scope}</code> : <span className="text-xs text-slate-500">whole object</span>}</td>
              <td className={td}>{rule.type ? <Badge tone="slate">{rule.type}</Badge> : none}</td>
              <td className={`${td} max-w-xs`}>
                {rule.type === "sql" && rule.query ? <code className="font-mono text-xs break-words text-slate-700">{rule.query}</code> : <span className="text-slate-800">{describeMetric(rule) || none}</span>}
              </td>
              <td className={td}>{describeThreshold(rule) ? <span className="font-mono text-xs text-slate-800">{describeThreshold(rule)}</span> : none}</td>
              <td className={td}>
                <div className="flex flex-wrap gap-1">
                  {rule.dimension ? <span className="text-slate-600">{rule.dimension}</span> : none}
                  {rule.severity && <Badge tone={rule.severity === "error" ? "red" : "amber"}>{rule.severity}</Badge>}
                </div>
              </td>
              <td className={`${td} min-w-48 pr-5 text-slate-600`}>{rule.description || none}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SchemaObjectSection({ object }: { object: SchemaObject }) {
  const rules = collectRules(object);
  return (
    <Section
      title={object.businessName ? `${object.name} · ${object.businessName}` : object.name}
      description={
        <span className="flex flex-wrap items-center gap-2">
          {object.physicalName && <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-600">{object.physicalName}</code>}
          {object.physicalType && <span>{object.physicalType}</span>}
          {object.description && <span>{object.description}</span>}
        </span>
      }
    >
      <div data-testid="schema-object" data-object={object.name}>
        <FieldsTable object={object} />
        {rules.length > 0 && (
          <div className="border-t border-slate-100 pt-3">
            <h3 className="px-5 pb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Quality rules</h3>
            <QualityTable rules={rules} />
          </div>
        )}
      </div>
    </Section>
  );
}

function Term({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "md:col-span-2" : undefined}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm leading-relaxed whitespace-pre-line text-slate-700">{children}</dd>
    </div>
  );
}

function membersOf(contract: OdcsContract): TeamMember[] {
  if (Array.isArray(contract.team)) return contract.team;
  return contract.team?.members ?? [];
}

function ChannelLink({ channel }: { channel: SupportChannel }) {
  const href = channel.url ?? (channel.tool === "email" || /^[^@\s]+@[^@\s]+$/.test(channel.channel) ? `mailto:${channel.channel}` : null);
  return (
    <ExternalLink href={href} className="font-medium text-brand-700 hover:underline" textClassName="font-medium text-slate-800">
      {channel.channel}
    </ExternalLink>
  );
}

/** An ODCS contract read as a document: schema tables, quality rules, SLA, team and support. */
export function ContractView({ contract }: { contract: OdcsContract }) {
  const description = contract.description ?? {};
  const members = membersOf(contract);
  const teamName = !Array.isArray(contract.team) ? contract.team?.name : undefined;
  const support = contract.support ?? [];
  const sla = contract.slaProperties ?? [];
  return (
    <div className="space-y-6" data-testid="contract-view">
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Section title="Description" className="lg:col-span-2">
          <dl className="grid gap-4 px-5 py-4 md:grid-cols-2">
            <Term label="Purpose" wide>{description.purpose || <span className="text-slate-400">Not described</span>}</Term>
            <Term label="Usage">{description.usage || <span className="text-slate-400">Not described</span>}</Term>
            <Term label="Limitations">{description.limitations || <span className="text-slate-400">None stated</span>}</Term>
          </dl>
        </Section>
        <Section title="Service levels">
          {sla.length === 0 ? (
            <EmptyState compact icon={null} title="No SLA stated" />
          ) : (
            <dl className="divide-y divide-slate-100" data-testid="contract-sla">
              {sla.map((s, i) => (
                <div key={`${s.property}-${i}`} className="flex items-baseline justify-between gap-3 px-5 py-2.5" data-testid="sla-property">
                  <dt className="text-sm text-slate-600">
                    {slaLabel(s.property)}
                    {s.element && <span className="block font-mono text-[11px] text-slate-400">{s.element}</span>}
                    {s.description && <span className="block text-xs text-slate-400">{s.description}</span>}
                  </dt>
                  <dd className="text-right text-sm font-medium whitespace-nowrap text-slate-900">
                    {describeSlaValue(s)}
                    {s.driver && <span className="block text-[11px] font-normal text-slate-400">{s.driver}</span>}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </Section>
      </div>
        {(contract.schema ?? []).length === 0 ? (
          <EmptyState title="No schema in this contract" icon={null}>The contract names no schema objects.</EmptyState>
        ) : (
          (contract.schema ?? []).map((object, i) => <SchemaObjectSection key={`${object.name}-${i}`} object={object} />)
        )}
      <div className="grid items-start gap-6 md:grid-cols-2 lg:grid-cols-3">
        <Section title="Team" description={teamName}>
          {members.length === 0 ? (
            <EmptyState compact icon={null} title={teamName ? `${teamName} lists no members in the contract` : "No team members listed"} />
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="contract-team">
              {members.map((m, i) => (
                <li key={`${m.username}-${i}`} className="flex items-center justify-between gap-3 px-5 py-2.5 text-sm">
                  <div className="min-w-0">
                    <p className="truncate font-medium text-slate-800">{m.name ?? m.username}</p>
                    {m.name && <p className="truncate text-xs text-slate-500">{m.username}</p>}
                  </div>
                  {m.role && <Badge tone={m.role === "owner" ? "blue" : "slate"}>{m.role}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title="Support">
          {support.length === 0 ? (
            <EmptyState compact icon={null} title="No support channels" />
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="contract-support">
              {support.map((c, i) => (
                <li key={`${c.channel}-${i}`} className="px-5 py-2.5 text-sm">
                  <div className="flex items-center justify-between gap-2">
                    <ChannelLink channel={c} />
                    {c.tool && <Badge tone="slate">{c.tool}</Badge>}
                  </div>
                  {(c.scope || c.description) && <p className="mt-0.5 text-xs text-slate-500">{[c.scope, c.description].filter(Boolean).join(" · ")}</p>}
                </li>
              ))}
            </ul>
          )}
        </Section>
        {(contract.tags ?? []).length > 0 && (
          <Section title="Tags">
            <div className="flex flex-wrap gap-1.5 px-5 py-3">
              {(contract.tags ?? []).map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </div>
          </Section>
        )}
      </div>
    </div>
  );
}
