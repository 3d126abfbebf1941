import { DEMO_PRODUCTS } from "@/prisma/demo-mesh";

export type DemoTopic = { topic: string; partitions: number; product: string; retired: boolean };

// The busiest streams get more partitions, so lag per partition and a consumer group's spread show in the demo.
const PARTITIONS: Record<string, number> = {
  "web-analytics.click-events.v1": 6,
  "orders.order-events.v1": 3,
  "orders.order-item-events.v1": 3,
  "payments.payment-events.v1": 3,
  "inventory.stock-movement-events.v1": 3,
  "shipping.tracking-events.v1": 3,
};

/** Every Kafka topic of the demo mesh's output ports, with the partitions the local cluster creates it with. */
export const DEMO_TOPICS: DemoTopic[] = DEMO_PRODUCTS.flatMap((product) =>
  (product.outputPorts ?? []).flatMap((port) =>
    port.type === "kafka_topic" ? [{ topic: port.topic, partitions: PARTITIONS[port.topic] ?? 2, product: product.slug, retired: product.lifecycle.status === "retired" }] : [],
  ),
);
