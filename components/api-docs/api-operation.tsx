import type { ApiField, ApiOperation } from "@/lib/api-docs/api-reference";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const METHOD_TONE: Record<string, BadgeTone> = { GET: "blue", POST: "green", PUT: "amber", PATCH: "amber", DELETE: "red" };

function FieldTable({ caption, fields, kind }: { caption: string; fields: ApiField[]; kind: "In" | "Type" }) {
  return (
    <div tabIndex={0} role="region" aria-label={caption} className="relative overflow-x-auto rounded-lg border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            <th scope="col" className="px-3 py-2 font-medium">{kind}</th>
            <th scope="col" className="px-3 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {fields.map((f) => (
            <tr key={f.name}>
              <td className="px-3 py-2 align-top whitespace-nowrap">
                <code className="font-mono text-xs text-slate-900">{f.name}</code>
                {f.required && <span className="ml-1.5 text-xs font-medium text-red-700">required</span>}
              </td>
              <td className="px-3 py-2 align-top font-mono text-xs text-slate-700">{f.type}</td>
              <td className="px-3 py-2 align-top text-slate-700">{f.description || <span className="text-slate-600">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One operation of the API: method and path, what it does, its parameters, body fields and responses. */
export function ApiOperationCard({ op, baseUrl }: { op: ApiOperation; baseUrl: string }) {
  return (
    <article id={op.id} aria-labelledby={`${op.id}-title`} className="scroll-mt-20 space-y-3 px-5 py-4" data-testid="api-operation">
      <h3 id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={METHOD_TONE[op.method] ?? "slate"}>{op.method}</Badge>
        <code className="font-mono text-sm font-semibold break-all text-slate-900">
          {baseUrl}
          {op.path}
        </code>
      </h3>
      <p className="text-sm text-slate-700">{op.summary}</p>
      {op.parameters.length > 0 && <FieldTable caption={`Parameters of ${op.method} ${op.path}`} fields={op.parameters} kind="In" />}
      {op.body && (
        <div className="space-y-2">
          <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
            Request body <span className="font-mono font-normal normal-case">{op.body.name}</span>
          </h4>
          {op.body.fields.length > 0 ? <FieldTable caption={`Body of ${op.method} ${op.path}`} fields={op.body.fields} kind="Type" /> : <p className="text-sm text-slate-600">A JSON value of type {op.body.name}.</p>}
        </div>
      )}
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Responses</h4>
        <ul className="mt-1 space-y-0.5 text-sm">
          {op.responses.map((r) => (
            <li key={r.status} className="flex gap-2">
              <code className={`font-mono text-xs font-semibold ${r.status.startsWith("2") ? "text-emerald-700" : "text-slate-700"}`}>{r.status}</code>
              <span className="text-slate-700">{r.description}</span>
            </li>
          ))}
        </ul>
      </div>
    </article>
  );
}
