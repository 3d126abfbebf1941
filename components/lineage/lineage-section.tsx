import Link from "next/link";
import { Section } from "@/components/ui/card";
import { jsonified } from "@/components/ui/jsonified";
import type { Actor } from "@/lib/auth/actor";
import { getLineageGraph } from "@/lib/lineage/get-lineage-graph";
import { initialLayout } from "@/lib/lineage/initial-layout";
import { LineageGraph } from "./lineage-graph";

/** The product page's lineage: one hop up and down, with a link to the full-page graph. */
export async function LineageSection({ actor, urn }: { actor: Actor; urn: string }) {
  const initial = jsonified(await getLineageGraph(actor, { focus: urn, depth: "1" }));
  const layout = await initialLayout(initial);
  return (
    <Section
      id="lineage"
      title="Lineage"
      description="Where this product's data comes from and who builds on it. Expand a node's +N to see further."
      action={
        <Link href={`/lineage?focus=${encodeURIComponent(urn)}`} className="text-sm whitespace-nowrap text-brand-700 hover:underline">
          Open full graph
        </Link>
      }
    >
      <LineageGraph initial={initial} initialLayout={layout} initialDepth={1} height="30rem" />
    </Section>
  );
}
