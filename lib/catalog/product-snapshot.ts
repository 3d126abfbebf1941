import type { Tx } from "@/lib/db";
import { readFieldMappings } from "@/lib/lineage/write-field-mappings";
import type { InputPort, OutputPort } from "./product-input";

/** A product in descriptor form (what teams upload), used for audit before/after and for export. */
export async function productSnapshot(tx: Tx, productId: string) {
  const p = await tx.dataProduct.findUniqueOrThrow({
    where: { id: productId },
    include: {
      domain: { select: { slug: true } },
      team: { select: { slug: true } },
      ports: { include: { upstreamPort: { include: { dataProduct: { select: { urn: true } } } }, sourcePort: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const outputPorts: OutputPort[] = p.ports
    .filter((port) => port.direction === "output")
    .map((port) =>
      port.type === "kafka_topic"
        ? { name: port.name, type: "kafka_topic", description: port.description, topic: port.location ?? "" }
        : { name: port.name, type: "table", description: port.description, table: port.location ?? "", ...(port.sourcePort ? { materializedFrom: port.sourcePort.name } : {}) },
    );
  const inputs = p.ports.filter((port) => port.direction === "input" && port.upstreamPort);
  const mappings = await readFieldMappings(tx, inputs.map((port) => port.id));
  const inputPorts: InputPort[] = inputs.map((port) => ({
    name: port.name,
    description: port.description,
    from: { product: port.upstreamPort!.dataProduct.urn, port: port.upstreamPort!.name },
    ...(mappings.has(port.id) ? { fields: mappings.get(port.id) } : {}),
  }));
  return {
    apiVersion: "meshwork/v1" as const,
    kind: "DataProduct" as const,
    urn: p.urn,
    slug: p.slug,
    domain: p.domain.slug,
    team: p.team.slug,
    name: p.name,
    description: p.description,
    tags: p.tags,
    classification: p.classification,
    containsPersonalData: p.containsPersonalData,
    status: p.status,
    ...(p.deprecationReason ? { deprecationReason: p.deprecationReason, sunsetDate: p.sunsetDate?.toISOString().slice(0, 10) } : {}),
    outputPorts,
    inputPorts,
  };
}
