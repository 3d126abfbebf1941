import { forbidden } from "next/navigation";
import { UnmatchedDatasetsTable } from "@/components/lineage/unmatched-datasets-table";
import { pageActor } from "@/lib/auth/page-actor";
import { isSteward } from "@/lib/auth/permissions";
import { listUnmatchedDatasets } from "@/lib/lineage/list-unmatched-datasets";

export const metadata = { title: "Seen in lineage, not in the catalog" };

export default async function UnmatchedDatasetsPage() {
  const actor = await pageActor();
  if (!isSteward(actor)) forbidden();
  const result = await listUnmatchedDatasets(actor);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Seen in lineage, not in the catalog</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Datasets that jobs reported through OpenLineage but that no data product declares as a port: unregistered copies or data nobody owns yet. Ask the team that runs the job to register a product for it, or set
          <code className="mx-1 font-mono text-[13px]">MESHWORK_LINEAGE_ALIASES</code>
          when a dataset is a product&apos;s topic or table under another broker or database address.
        </p>
      </header>
      <UnmatchedDatasetsTable result={result} />
    </div>
  );
}
