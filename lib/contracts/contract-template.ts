import YAML from "yaml";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { findOutputPortOrThrow } from "@/lib/catalog/find-output-port-or-throw";

/** A starting ODCS v3.1 contract for a port, filled from the product, its team and the port. */
export async function contractTemplate(actor: Actor, portRef: string): Promise<string> {
  const port = await findOutputPortOrThrow(actor, portRef);
  const product = await db.dataProduct.findUniqueOrThrow({ where: { id: port.dataProduct.id }, include: { domain: true, team: { include: { memberships: { include: { user: { select: { email: true, name: true } } } } } } } });
  const latest = await db.contractVersion.findFirst({ where: { portId: port.id, status: { not: "rejected" } }, orderBy: [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }] });
  if (latest) return latest.yaml;
  const template = {
    apiVersion: "v3.1.0",
    kind: "DataContract",
    id: `${product.urn}:${port.name}`,
    name: `${product.name} — ${port.name}`,
    version: "1.0.0",
    status: "active",
    domain: product.domain.slug,
    description: { purpose: product.description || `Describe what ${port.location ?? port.name} carries.`, usage: "Describe how consumers should use it.", limitations: "" },
    schema: [
      {
        name: port.name.replace(/-/g, "_"),
        physicalName: port.location ?? port.name,
        logicalType: "object",
        physicalType: port.type === "kafka_topic" ? "topic" : "table",
        description: `Records on ${port.location ?? port.name}.`,
        properties: [
          { name: "id", logicalType: "string", physicalType: "string", required: true, unique: true, primaryKey: true, description: "Unique identifier of the record." },
          { name: "created_at", logicalType: "timestamp", physicalType: "timestamp", required: true, description: "When the record was created (UTC)." },
        ],
      },
    ],
    team: { name: product.team.name, members: product.team.memberships.map((m) => ({ username: m.user.email, name: m.user.name, role: m.role })) },
    support: [{ channel: product.team.contactEmail ?? "#data-support", tool: product.team.contactEmail ? "email" : "slack" }],
    slaProperties: [
      { property: "latency", value: 5, unit: "m" },
      { property: "retention", value: 30, unit: "d" },
    ],
  };
  return YAML.stringify(template);
}
