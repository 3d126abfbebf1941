import { Section } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format-date";
import type { PortQuality } from "./quality-types";
import { formatMeasured } from "./status-badge";

const cell = (v: unknown) => (v === null || v === undefined ? "null" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** The port page's failing-row samples: for each failed check of the latest run, up to 10 rows (personal data masked for viewers without access). */
export function FailingRows({ quality }: { quality: PortQuality }) {
  const failed = quality.results.filter((r) => r.status === "failed" && r.sample && r.sample.length > 0);
  return (
    <Section id="failing-rows" title="Failing rows" description={quality.latest ? `From the checks run ${formatDateTime(quality.latest.startedAt)}.${quality.samplesMasked ? " Personal data is masked: your team has no access to this port." : ""}` : "No quality run yet."}>
      <div data-testid="failing-rows">
        {failed.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-700">{quality.latest ? "No check failed on rows in the latest run." : "Samples of failing rows appear here once the checks have run."}</p>
        ) : (
          failed.map((r) => {
            const columns = [...new Set(r.sample!.flatMap((row) => Object.keys(row)))];
            return (
              <div key={r.checkKey} className="border-t border-slate-100 px-5 py-3 first:border-t-0" data-testid="failing-sample" data-check={r.checkKey}>
                <h3 className="text-sm font-semibold text-slate-900">
                  {r.name} <span className="font-normal text-slate-700">— measured {formatMeasured(r.measured, r.unit)}, expected {r.threshold}</span>
                </h3>
                <div className="mt-2 overflow-x-auto">
                  <table className="min-w-full text-left font-mono text-xs">
                    <thead className="text-slate-700">
                      <tr>
                        {columns.map((c) => (
                          <th scope="col" key={c} className={`px-2 py-1 font-medium ${c === r.property ? "bg-red-50 text-red-800" : ""}`}>
                            {c}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100">
                      {r.sample!.map((row, i) => (
                        <tr key={i}>
                          {columns.map((c) => (
                            <td key={c} className={`max-w-xs truncate px-2 py-1 text-slate-800 ${c === r.property ? "bg-red-50" : ""}`}>
                              {cell(row[c])}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            );
          })
        )}
      </div>
    </Section>
  );
}
