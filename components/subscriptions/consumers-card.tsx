"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/components/ui/api-request";
import { Section } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/components/ui/format-date";
import type { Jsonified } from "@/components/ui/jsonified";
import type { listPortConsumers } from "@/lib/subscriptions/list-port-consumers";

/** GET /api/v1/data-products/{id}/consumers as the browser receives it. */
export type ProductConsumers = Jsonified<Awaited<ReturnType<typeof listPortConsumers>>>;

/** Who reads from this product: team, port, purpose, since and until; kept live as approvals and grants land. */
export function ConsumersCard({ productId, initial }: { productId: string; initial: ProductConsumers }) {
  const query = useQuery({
    queryKey: ["product-consumers", productId],
    queryFn: () => apiRequest<ProductConsumers>(`/api/v1/data-products/${productId}/consumers`),
    initialData: initial,
    refetchInterval: 15_000,
  });
  const consumers = query.data.consumers;
  return (
    <Section id="consumers" title="Consumers" description="Teams with access to this product's ports.">
      {consumers.length === 0 ? (
        <EmptyState compact icon={null} title="No consumers yet" testId="consumers-empty">
          Teams that are granted access appear here with their purpose.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="consumers">
          {consumers.map((c) => (
            <li key={c.subscriptionId} className="px-5 py-3 text-sm" data-testid="consumer">
              <p className="flex flex-wrap items-baseline justify-between gap-x-2">
                <span className="font-medium text-slate-900">{c.team.name}</span>
                <code className="font-mono text-xs text-slate-500">{c.port.name}</code>
              </p>
              <p className="mt-0.5 text-xs text-slate-600">{c.purpose}</p>
              <p className="mt-1 text-xs text-slate-500">
                {c.state === "provisioning" ? "Being granted now" : c.since ? `Since ${formatDate(c.since)}` : "Active"}
                {" · "}
                {c.until ? `until ${formatDate(c.until)}` : "no end"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
