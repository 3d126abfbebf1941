import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { UnmatchedDatasets } from "@/lib/lineage/list-unmatched-datasets";

const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-slate-600";
const td = "px-3 py-2 align-top";
const when = (d: Date | null) => (d ? new Date(d).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");

function Jobs({ jobs }: { jobs: UnmatchedDatasets["datasets"][number]["readBy"] }) {
  if (jobs.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <ul className="space-y-0.5">
      {jobs.map((j) => (
        <li key={`${j.namespace}/${j.name}`}>
          <code className="font-mono text-[13px] text-slate-900">{j.name}</code> <span className="text-xs text-slate-600">({j.namespace}{j.lastRunState ? `, last run ${j.lastRunState.toLowerCase()} ${when(j.lastEventTime)}` : ""})</span>
        </li>
      ))}
    </ul>
  );
}

/** The steward's list of datasets seen in OpenLineage events that no port declares. */
export function UnmatchedDatasetsTable({ result }: { result: UnmatchedDatasets }) {
  if (result.total === 0) {
    return (
      <Card>
        <EmptyState title="Every dataset seen in lineage is in the catalog">Jobs report lineage with POST /api/v1/lineage/openlineage; datasets that match no port will appear here.</EmptyState>
      </Card>
    );
  }
  return (
    <Card>
      <p className="border-b border-slate-100 px-5 py-3 text-sm text-slate-700" data-testid="unmatched-count">
        {result.total} dataset{result.total === 1 ? "" : "s"}
        {result.total > result.datasets.length ? ` (the ${result.datasets.length} seen most recently are shown)` : ""}
      </p>
      {/* On a phone each dataset is a short list of its own: four columns of long names do not fit beside each other. */}
      <ul className="divide-y divide-slate-100 sm:hidden" data-testid="unmatched-datasets-list">
        {result.datasets.map((d) => (
          <li key={d.id} className="space-y-1.5 px-4 py-3 text-sm">
            <p className="font-mono text-[13px] font-medium break-all text-slate-900">{d.name}</p>
            <p className="font-mono text-xs break-all text-slate-600">{d.namespace}</p>
            {d.fields.length > 0 && <p className="text-xs text-slate-600">Fields: {d.fields.join(", ")}</p>}
            <dl className="space-y-1">
              <div>
                <dt className="text-xs font-medium text-slate-600">Written by</dt>
                <dd><Jobs jobs={d.writtenBy} /></dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-slate-600">Read by</dt>
                <dd><Jobs jobs={d.readBy} /></dd>
              </div>
              <div>
                <dt className="text-xs font-medium text-slate-600">Last seen</dt>
                <dd className="text-slate-700">{when(d.lastSeenAt)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="w-full text-sm" data-testid="unmatched-datasets">
          <thead className="border-b border-slate-100 bg-slate-50/60">
            <tr>
              <th scope="col" className={`${th} pl-5`}>Dataset</th>
              <th scope="col" className={th}>Written by</th>
              <th scope="col" className={th}>Read by</th>
              <th scope="col" className={`${th} pr-5`}>Last seen</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.datasets.map((d) => (
              <tr key={d.id} data-testid="unmatched-dataset">
                <td className={`${td} pl-5`}>
                  <code className="font-mono text-[13px] font-medium text-slate-900">{d.name}</code>
                  <p className="font-mono text-xs text-slate-600">{d.namespace}</p>
                  {d.fields.length > 0 && <p className="mt-0.5 text-xs text-slate-600">Fields: {d.fields.join(", ")}</p>}
                </td>
                <td className={td}><Jobs jobs={d.writtenBy} /></td>
                <td className={td}><Jobs jobs={d.readBy} /></td>
                <td className={`${td} pr-5 whitespace-nowrap text-slate-700`}>{when(d.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
